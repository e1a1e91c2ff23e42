package io.fairauction.collector;

/**
 * The intake's limits (keys under {@code fair-auction.collector}, see application-collector.yml).
 *
 * @param maxBodyBytes       bodies over this are refused with 413
 * @param validToMinSeconds  validTo must be at least this far after now
 * @param validToMaxSeconds  and at most this far
 * @param rateCapacity       requests an owner may make at once (token bucket size)
 * @param ratePerSecond      refill rate of an owner's bucket
 * @param checkBalances      whether the owner's sell-token balance and relayer allowance are checked on chain
 */
public record IntakeSettings(int maxBodyBytes, long validToMinSeconds, long validToMaxSeconds, int rateCapacity,
                             double ratePerSecond, boolean checkBalances) {
    public IntakeSettings {
        if (maxBodyBytes < 1 || validToMinSeconds < 0 || validToMaxSeconds < validToMinSeconds) {
            throw new IllegalArgumentException("need max-body-bytes >= 1 and 0 <= valid-to-min <= valid-to-max");
        }
    }

    public static IntakeSettings defaults() {
        return new IntakeSettings(16 * 1024, 5, 86_400, 20, 10, true);
    }

    public IntakeSettings withCheckBalances(boolean check) {
        return new IntakeSettings(maxBodyBytes, validToMinSeconds, validToMaxSeconds, rateCapacity, ratePerSecond, check);
    }

    public IntakeSettings withRate(int capacity, double perSecond) {
        return new IntakeSettings(maxBodyBytes, validToMinSeconds, validToMaxSeconds, capacity, perSecond, checkBalances);
    }
}

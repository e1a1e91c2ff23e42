package io.fairauction.core.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One intent executed by a bid. Amounts are kept exactly as the solver sent them (they may be zero, negative or
 * too large); screening decides whether the bid can take part.
 */
public record Trade(String intent, BigInteger executedSell, BigInteger executedBuy) {
    public Trade {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(executedSell, "executedSell");
        Objects.requireNonNull(executedBuy, "executedBuy");
    }
}

package io.fairauction.solverapi;

/**
 * Why the gateway refuses a solver's answer or one of its bids before the auction runs. Screening codes of the
 * mechanism itself (limit violated, unknown intent, ...) are core's {@code FilterCode}s and use the same wire names.
 * The SDK checks the same rules locally before sending.
 */
public enum BidRejection {
    /** The answer's signature or solver id does not check out. */
    UNAUTHENTICATED("unauthenticated"),
    /** The answer arrived after the deadline (or the solver did not answer in time). */
    LATE("late"),
    /** The solver could not be reached or answered with an HTTP error. */
    UNREACHABLE("unreachable"),
    /** The answer's body is over the size cap. */
    TOO_LARGE("too-large"),
    /** The answer is not JSON of the response format; the detail names the field. */
    MALFORMED("malformed"),
    /** Two bids of the answer share an id. */
    DUPLICATE_BID_ID("duplicate-bid-id"),
    /** More bids than the per-solver cap; the rest of the answer is dropped. */
    OVER_CAP("over-cap"),
    /** A trade names an intent that is not in this auction. */
    UNKNOWN_INTENT("unknown-intent"),
    /** An interaction calls the settlement or the relayer, or is not well formed. */
    BAD_INTERACTION("bad-interaction"),
    /** A bid the mechanism's screening would refuse: the detail carries core's filter code. */
    SCREENED("screened");

    private final String wire;

    BidRejection(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

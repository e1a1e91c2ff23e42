package io.fairauction.core.result;

/** Why a bid took no part in winner determination. The wire names are stable: clients match on them. */
public enum FilterCode {
    /** The bid has no trades. */
    EMPTY("empty", "the bid has no trades"),
    /** A trade names an intent that is not in the auction. */
    UNKNOWN_INTENT("unknown-intent", "a trade names an intent that is not in the auction"),
    /** The same intent appears in two trades of the bid. */
    DUPLICATE_INTENT("duplicate-intent", "the same intent appears twice in the bid"),
    /** An executed amount is zero, negative or above 2^256-1. */
    BAD_AMOUNT("bad-amount", "an executed amount is zero, negative or above 2^256-1"),
    /** The exact side of a fill-or-kill intent is not executed in full. */
    AMOUNT_MISMATCH("amount-mismatch", "the exact side of a fill-or-kill intent is not executed in full"),
    /** The trader would receive less, or pay more, than their signed limit. */
    LIMIT_VIOLATED("limit-violated", "the trader would receive less, or pay more, than their signed limit"),
    /** The score cannot be computed in unsigned 256-bit arithmetic. */
    OVERFLOW("overflow", "the score cannot be computed in unsigned 256-bit arithmetic"),
    /** The solver sent more bids than the deployment allows; its lowest-scoring ones are dropped. */
    OVER_CAP("over-cap", "the solver sent more bids than allowed; its lowest-scoring bids are dropped"),
    /** A batched bid leaves a trader worse off than the reference outcome (the fairness filter). */
    UNFAIR("unfair", "a batched bid leaves a trader worse off than their reference"),
    /** The mechanism auctions each intent on its own and ignores batched bids. */
    BATCHED("batched", "the mechanism auctions intents one by one and ignores batched bids");

    private final String wire;
    private final String meaning;

    FilterCode(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    public String wire() {
        return wire;
    }

    /** One line for humans. */
    public String meaning() {
        return meaning;
    }
}

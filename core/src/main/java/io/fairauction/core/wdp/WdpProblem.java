package io.fairauction.core.wdp;

import java.util.List;

/**
 * Weighted set packing with options: choose bids, no intent in two of them, maximising the total score and,
 * among selections of equal score, the total tie value.
 *
 * <p>The order of {@code bids} must be canonical (independent of arrival order): among selections equal in
 * score and tie value, the one with the lowest bid positions wins.
 *
 * @param tieBits width of each per-(bid, intent) tie key: every bid's tie value is below
 *                {@code intents * 2^tieBits}
 */
public record WdpProblem(List<WdpBid> bids, int intentCount, int pairCount, int solverCount, Constraints constraints,
                         int tieBits) {
    /** Narrowest tie keys: 2^-20 is the chance two selections' key sums collide. */
    public static final int MIN_TIE_BITS = 20;
    /** Widest tie keys: a bid's tie value stays a {@code long} for any number of intents an auction can have. */
    public static final int MAX_TIE_BITS = 40;

    public WdpProblem(List<WdpBid> bids, int intentCount, int pairCount, int solverCount, Constraints constraints) {
        this(bids, intentCount, pairCount, solverCount, constraints, MIN_TIE_BITS);
    }

    public WdpProblem {
        bids = List.copyOf(bids);
        if (tieBits < MIN_TIE_BITS || tieBits > MAX_TIE_BITS) {
            throw new IllegalArgumentException("tie keys are " + MIN_TIE_BITS + " to " + MAX_TIE_BITS + " bits wide");
        }
        for (WdpBid b : bids) {
            if (b.tie() >= (long) b.intentsView().length << tieBits) {
                throw new IllegalArgumentException("bid " + b.id() + " has a tie value wider than its keys");
            }
            for (int i : b.intentsView()) {
                if (i < 0 || i >= intentCount) {
                    throw new IllegalArgumentException("bid " + b.id() + " has intent index " + i + " out of range");
                }
            }
            for (int p : b.pairsView()) {
                if (p < 0 || p >= pairCount) {
                    throw new IllegalArgumentException("bid " + b.id() + " has pair index " + p + " out of range");
                }
            }
            if (b.solver() < 0 || b.solver() >= solverCount) {
                throw new IllegalArgumentException("bid " + b.id() + " has solver index out of range");
            }
        }
    }
}

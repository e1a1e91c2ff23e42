package io.fairauction.core.wdp;

import java.util.List;

/**
 * Weighted set packing with options: choose bids, no intent in two of them, maximising the total score and,
 * among selections of equal score, the total tie value.
 *
 * <p>The order of {@code bids} must be canonical (independent of arrival order): it is the order in which
 * remaining ties, if any, are settled by the deterministic search.
 */
public record WdpProblem(List<WdpBid> bids, int intentCount, int pairCount, int solverCount, Constraints constraints) {
    public WdpProblem {
        bids = List.copyOf(bids);
        for (WdpBid b : bids) {
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

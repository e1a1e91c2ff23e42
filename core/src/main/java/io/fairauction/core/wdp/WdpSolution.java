package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.List;

/**
 * Chosen bids and how sure we are.
 *
 * @param chosen  indices into the problem's bid list, ascending
 * @param optimal whether the selection is proven optimal
 * @param gap     upper bound on the score an optimal selection could add; zero when optimal
 */
public record WdpSolution(List<Integer> chosen, BigInteger score, boolean optimal, BigInteger gap, Stats stats) {
    public WdpSolution {
        chosen = List.copyOf(chosen);
    }

    /**
     * What the solve did, for benchmarks and logs.
     *
     * @param components      independent parts the problem split into (after dropping dominated bids)
     * @param largest         bids in the largest part
     * @param dominated       bids dropped because another bid is better on a subset of its intents
     * @param cpSatComponents parts solved with CP-SAT (the rest were trivial, matchings or enumerated)
     * @param cpSatPhases     CP-SAT solves in all (an objective too wide for 64 bits takes several)
     * @param matchingComponents parts solved as maximum-weight matchings (every bid on at most two intents)
     */
    public record Stats(int components, int largest, int dominated, int cpSatComponents, int cpSatPhases,
                        int matchingComponents) {
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);
    }
}

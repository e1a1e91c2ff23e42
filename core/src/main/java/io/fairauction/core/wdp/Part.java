package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A subset of a problem's bids solved together (a component, or the whole problem when options couple the
 * components), with the lexicographic objective (score, then tie value) packed into one integer per bid:
 * {@code z = score * 2^shift + tie}. Since winners never share an intent, the tie values of any selection sum to
 * less than {@code 2^shift}, so maximising the sum of {@code z} maximises score first and tie value second.
 */
final class Part {
    final WdpProblem problem;
    /** Problem-level bid indices, ascending (canonical order). */
    final int[] bids;
    final BigInteger[] z;
    final int shift;

    Part(WdpProblem problem, int[] bids) {
        this.problem = problem;
        this.bids = bids;
        BitSet intents = new BitSet();
        for (int b : bids) {
            for (int i : problem.bids().get(b).intentsView()) {
                intents.set(i);
            }
        }
        this.shift = WdpBid.TIE_KEY_BITS + 64 - Long.numberOfLeadingZeros(Math.max(1, intents.cardinality()));
        this.z = new BigInteger[bids.length];
        for (int k = 0; k < bids.length; k++) {
            WdpBid b = bid(k);
            z[k] = b.score().shiftLeft(shift).add(BigInteger.valueOf(b.tie()));
        }
    }

    WdpBid bid(int k) {
        return problem.bids().get(bids[k]);
    }

    int size() {
        return bids.length;
    }

    Constraints constraints() {
        return problem.constraints();
    }

    /** Problem-level indices of a local selection. */
    List<Integer> toProblem(List<Integer> local) {
        List<Integer> out = new ArrayList<>(local.size());
        for (int k : local) {
            out.add(bids[k]);
        }
        return out;
    }

    BigInteger score(List<Integer> local) {
        BigInteger s = BigInteger.ZERO;
        for (int k : local) {
            s = s.add(bid(k).score());
        }
        return s;
    }

    BigInteger z(List<Integer> local) {
        BigInteger s = BigInteger.ZERO;
        for (int k : local) {
            s = s.add(z[k]);
        }
        return s;
    }

    /**
     * An upper bound on the score of any selection: every winner's score is at most the best score among
     * the bids on any one of its intents, and winners do not share intents.
     */
    BigInteger trivialScoreBound() {
        java.util.Map<Integer, BigInteger> best = new java.util.HashMap<>();
        for (int k = 0; k < bids.length; k++) {
            for (int i : bid(k).intentsView()) {
                best.merge(i, bid(k).score(), BigInteger::max);
            }
        }
        return best.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Incremental feasibility of a selection under every constraint. */
    final class Packing {
        private final BitSet intents = new BitSet();
        private final BitSet pairs = new BitSet();
        private final int[] perSolver = new int[problem.solverCount()];
        private int count;

        boolean fits(int k) {
            WdpBid b = bid(k);
            Constraints c = constraints();
            if (c.maxWinners() > 0 && count >= c.maxWinners()) {
                return false;
            }
            if (c.maxWinnersPerSolver() > 0 && perSolver[b.solver()] >= c.maxWinnersPerSolver()) {
                return false;
            }
            for (int i : b.intentsView()) {
                if (intents.get(i)) {
                    return false;
                }
            }
            if (c.pairDisjoint()) {
                for (int p : b.pairsView()) {
                    if (pairs.get(p)) {
                        return false;
                    }
                }
            }
            return true;
        }

        void add(int k) {
            WdpBid b = bid(k);
            for (int i : b.intentsView()) {
                intents.set(i);
            }
            for (int p : b.pairsView()) {
                pairs.set(p);
            }
            perSolver[b.solver()]++;
            count++;
        }

        void remove(int k) {
            WdpBid b = bid(k);
            for (int i : b.intentsView()) {
                intents.clear(i);
            }
            for (int p : b.pairsView()) {
                pairs.clear(p);
            }
            perSolver[b.solver()]--;
            count--;
        }
    }

    Packing packing() {
        return new Packing();
    }

    /** Whether a selection of problem-level indices satisfies every constraint. */
    static boolean feasible(WdpProblem problem, List<Integer> chosen) {
        int[] all = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        Part whole = new Part(problem, all);
        Packing p = whole.packing();
        for (int k = 0; k < all.length; k++) {
            if (!p.fits(k)) {
                return false;
            }
            p.add(k);
        }
        return true;
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test oracle: every subset of bids, checked against every constraint from scratch, keeping all that
 * maximise (score, tie value) lexicographically. Shares no code with the solvers it checks.
 */
final class BruteForce {
    record Optimum(BigInteger score, long tie, List<List<Integer>> sets) {
    }

    static Optimum solve(WdpProblem p) {
        int n = p.bids().size();
        if (n > 20) {
            throw new IllegalArgumentException("brute force is for small problems");
        }
        BigInteger bestScore = BigInteger.valueOf(-1);
        long bestTie = -1;
        List<List<Integer>> best = new ArrayList<>();
        for (long mask = 0; mask < (1L << n); mask++) {
            List<Integer> set = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if ((mask & (1L << k)) != 0) {
                    set.add(k);
                }
            }
            if (!feasible(p, set)) {
                continue;
            }
            BigInteger score = BigInteger.ZERO;
            long tie = 0;
            for (int k : set) {
                score = score.add(p.bids().get(k).score());
                tie += p.bids().get(k).tie();
            }
            int c = score.compareTo(bestScore);
            if (c > 0 || (c == 0 && tie > bestTie)) {
                bestScore = score;
                bestTie = tie;
                best = new ArrayList<>();
            }
            if (c > 0 || (c == 0 && tie >= bestTie)) {
                best.add(set);
            }
        }
        return new Optimum(bestScore, bestTie, best);
    }

    static boolean feasible(WdpProblem p, List<Integer> set) {
        Constraints c = p.constraints();
        if (c.maxWinners() > 0 && set.size() > c.maxWinners()) {
            return false;
        }
        Set<Integer> intents = new HashSet<>();
        Set<Integer> pairs = new HashSet<>();
        Map<Integer, Integer> perSolver = new HashMap<>();
        for (int k : set) {
            WdpBid b = p.bids().get(k);
            for (int i : b.intents()) {
                if (!intents.add(i)) {
                    return false;
                }
            }
            if (c.pairDisjoint()) {
                for (int q : b.pairs()) {
                    if (!pairs.add(q)) {
                        return false;
                    }
                }
            }
            int count = perSolver.merge(b.solver(), 1, Integer::sum);
            if (c.maxWinnersPerSolver() > 0 && count > c.maxWinnersPerSolver()) {
                return false;
            }
        }
        return true;
    }
}

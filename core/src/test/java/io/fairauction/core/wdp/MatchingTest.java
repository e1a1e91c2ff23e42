package io.fairauction.core.wdp;

import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingTest {
    private static final SolveLimits LIMITS = new SolveLimits(Duration.ofSeconds(60), 2);

    /** How bid values are drawn: each mode makes exact ties between different selections common. */
    enum Values {
        /** Small scores and tie values: many ties. */
        SMALL,
        /** Every bid worth the same: the optimum is any maximum matching, the canonical rule picks one. */
        EQUAL,
        /** Scores above 2^64, drawn from a few values so that sums of different selections still tie. */
        WIDE,
        /** Random wei-sized scores (above 2^64): distinct selections practically never tie. */
        RANDOM
    }

    static LongStream seeds() {
        return Seeds.range(200);
    }

    static LongStream mediumSeeds() {
        return Seeds.range(20);
    }

    /**
     * Bids on one or two of a few intents (so parallel bids on the same pair are common), no options: a
     * maximum-weight matching problem. Every bid has a positive weight.
     */
    static WdpProblem graph(long seed, int bids, int intents, Values values) {
        SplittableRandom r = new SplittableRandom(seed);
        BigInteger wide = BigInteger.ONE.shiftLeft(70);
        List<WdpBid> out = new ArrayList<>();
        for (int k = 0; k < bids; k++) {
            int a = r.nextInt(intents);
            int[] in;
            if (r.nextInt(4) == 0) {
                in = new int[] {a};
            } else {
                int b = (a + 1 + r.nextInt(intents - 1)) % intents;
                in = new int[] {Math.min(a, b), Math.max(a, b)};
            }
            BigInteger score;
            long tie;
            switch (values) {
                case SMALL -> {
                    score = BigInteger.valueOf(r.nextInt(4));
                    tie = 1 + r.nextInt(2);
                }
                case EQUAL -> {
                    score = BigInteger.TEN;
                    tie = 1;
                }
                case RANDOM -> {
                    score = BigInteger.valueOf(r.nextLong(1L << 62)).multiply(BigInteger.valueOf(1 + r.nextInt(1000)));
                    tie = r.nextInt(1 << 20);
                }
                default -> {
                    score = wide.multiply(BigInteger.valueOf(1 + r.nextInt(3))).add(BigInteger.valueOf(r.nextInt(2)));
                    tie = r.nextInt(2);
                }
            }
            out.add(new WdpBid("b" + k, in, new int[] {0}, 0, score, tie));
        }
        return new WdpProblem(out, intents, 1, 1, Constraints.NONE);
    }


    /** The canonical selection among the brute-force optima: the smallest sorted position list, written out here. */
    private static List<Integer> canonical(List<List<Integer>> optima) {
        List<Integer> best = null;
        for (List<Integer> s : optima) {
            if (best == null || lexLess(s, best)) {
                best = s;
            }
        }
        return best;
    }

    private static boolean lexLess(List<Integer> a, List<Integer> b) {
        int i = 0;
        while (i < a.size() && i < b.size()) {
            if (!a.get(i).equals(b.get(i))) {
                return a.get(i) < b.get(i);
            }
            i++;
        }
        return a.size() < b.size();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theMatchingIsTheCanonicalBruteForceOptimum(long seed) {
        for (Values v : Values.values()) {
            WdpProblem p = graph(seed, 3 + (int) (seed % 16), 2 + (int) (seed % 7), v);
            Part all = RandomProblems.whole(p);
            assertThat(Matching.applies(all)).isTrue();
            BruteForce.Optimum oracle = BruteForce.solve(p);
            List<Integer> chosen = all.toProblem(Matching.solve(all));
            assertThat(chosen).as("seed %d %s: optima %s", seed, v, oracle.sets()).isEqualTo(canonical(oracle.sets()));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactWinnerDeterminationOnPairBidsIsABruteForceOptimum(long seed) {
        WdpProblem p = graph(seed, 4 + (int) (seed % 13), 3 + (int) (seed % 5), Values.values()[(int) (seed % 4)]);
        BruteForce.Optimum oracle = BruteForce.solve(p);
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.optimal()).isTrue();
        assertThat(s.score()).as("seed %d", seed).isEqualTo(oracle.score());
        assertThat(oracle.sets()).as("seed %d: chosen %s", seed, s.chosen()).contains(s.chosen());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mediumSeeds")
    void onMediumPartsTheMatchingAgreesWithCpSat(long seed) {
        // 60-200 bids: past brute force, so CP-SAT is the reference; both return the canonical optimum, ties or not
        // (the brute-force tests here and in CpSatCanonicalTest check each against an enumeration).
        for (Values v : Values.values()) {
            WdpProblem p = graph(seed, 60 + (int) (seed * 7 % 141), 20 + (int) (seed % 40), v);
            Part all = RandomProblems.whole(p);
            CpSatSolver.Result cpSat = Portfolio.solve(all, List.of(),
                    System.nanoTime() + Duration.ofSeconds(60).toNanos(), List.of(CpSatTuning.LP), false);
            assertThat(cpSat.optimal()).isTrue();
            List<Integer> chosen = Matching.solve(all);
            assertThat(BruteForce.feasible(p, all.toProblem(chosen))).isTrue();
            assertThat(all.z(chosen)).as("seed %d %s", seed, v).isEqualTo(all.z(cpSat.chosen()));
            assertThat(chosen).as("seed %d %s", seed, v).isEqualTo(cpSat.chosen());
            // The whole pipeline (dominance, singles pricing, parts) reaches the same score without CP-SAT.
            WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
            assertThat(s.optimal()).isTrue();
            assertThat(s.score()).as("seed %d %s", seed, v).isEqualTo(all.score(cpSat.chosen()));
            assertThat(s.stats().cpSatComponents()).isZero();
        }
    }

    @Test
    void aTieBetweenTwoPairsAndOneBidGoesToTheLowerPositions() {
        // {0,1} and {2} are worth the same (and so are {2} and {3}): the canonical choice is {0,1}.
        BigInteger wei = BigInteger.TEN.pow(21);
        WdpProblem p = new WdpProblem(List.of(
                new WdpBid("ab", new int[] {0, 1}, new int[] {0}, 0, wei, 1),
                new WdpBid("cd", new int[] {2, 3}, new int[] {0}, 0, wei, 1),
                new WdpBid("bc", new int[] {1, 2}, new int[] {0}, 0, wei.shiftLeft(1), 2),
                new WdpBid("bc2", new int[] {1, 2}, new int[] {0}, 0, wei.shiftLeft(1), 2)),
                4, 1, 1, Constraints.NONE);
        assertThat(RandomProblems.whole(p).toProblem(Matching.solve(RandomProblems.whole(p)))).containsExactly(0, 1);
    }

    @Test
    void optionsOrWiderBidsOrAZeroWeightKeepTheGeneralPath() {
        WdpProblem pairs = graph(3, 10, 5, Values.SMALL);
        WdpProblem capped = new WdpProblem(pairs.bids(), 5, 1, 1, new Constraints(2, 0, false));
        assertThat(Matching.applies(RandomProblems.whole(capped))).isFalse();
        WdpProblem wide = new WdpProblem(List.of(new WdpBid("abc", new int[] {0, 1, 2}, new int[] {0}, 0,
                BigInteger.ONE, 1)), 3, 1, 1, Constraints.NONE);
        assertThat(Matching.applies(RandomProblems.whole(wide))).isFalse();
        WdpProblem zero = new WdpProblem(List.of(new WdpBid("ab", new int[] {0, 1}, new int[] {0}, 0,
                BigInteger.ZERO, 0)), 2, 1, 1, Constraints.NONE);
        assertThat(Matching.applies(RandomProblems.whole(zero))).isFalse();
    }
}

package io.fairauction.core.wdp;

import io.fairauction.core.testing.SampleCoverage;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExactWinnerDeterminationTest {
    private static final SolveLimits LIMITS = new SolveLimits(Duration.ofSeconds(60), 2);
    private static final int SEEDS = 120;
    /** Comparing the greedy with the optimum says little if the greedy is always optimal. */
    private static final SampleCoverage GREEDY_BELOW_OPTIMUM = new SampleCoverage("the greedy is below the optimum", SEEDS, 5);

    static LongStream seeds() {
        return Seeds.range(SEEDS);
    }

    @AfterAll
    static void theGreedyWasSometimesSuboptimal() {
        GREEDY_BELOW_OPTIMUM.assertOccurred();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactSolutionIsABruteForceOptimumUnderEveryOption(long seed) {
        for (RandomProblems.Magnitude m : RandomProblems.Magnitude.values()) {
            WdpProblem p = RandomProblems.generate(seed, 4 + (int) (seed % 11), 3 + (int) (seed % 5),
                    RandomProblems.constraints(seed), m);
            BruteForce.Optimum oracle = BruteForce.solve(p);
            WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
            assertThat(s.optimal()).as("seed %d %s", seed, m).isTrue();
            assertThat(s.gap()).as("seed %d %s", seed, m).isZero();
            assertThat(s.score()).as("seed %d %s", seed, m).isEqualTo(oracle.score());
            assertThat(oracle.sets()).as("seed %d %s: chosen %s", seed, m, s.chosen()).contains(s.chosen());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cpSatMatchesBruteForceEvenWhenTheObjectiveIsWiderThan64Bits(long seed) {
        // CP-SAT is normally used only for parts too big to enumerate; call it directly to check it on small ones.
        // HUGE scores differ only far below their top 60 bits: many near-ties, so this also covers window phases.
        for (RandomProblems.Magnitude m : RandomProblems.Magnitude.values()) {
            WdpProblem p = RandomProblems.generate(seed, 3 + (int) (seed % 12), 2 + (int) (seed % 6),
                    RandomProblems.constraints(seed), m);
            BruteForce.Optimum oracle = BruteForce.solve(p);
            for (boolean lpFixing : new boolean[] {true, false}) {
                Part all = Part.of(p, IntStream.range(0, p.bids().size()).toArray(), Objective.of(p));
                if (!lpFixing) {
                    all.useLpBound(LpBound.trivial(all)); // nothing left out: the enumeration must prove it all
                }
                CpSatSolver.Result r = Portfolio.solve(all, List.of(), System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                        List.of(CpSatTuning.LP), false);
                String where = "seed " + seed + " " + m + (lpFixing ? "" : " without LP fixing");
                assertThat(r.optimal()).as(where).isTrue();
                assertThat(oracle.sets()).as("%s: chosen %s", where, r.chosen()).contains(r.chosen());
                if (m != RandomProblems.Magnitude.SMALL && !lpFixing && r.chosen().size() < p.bids().size()) {
                    // The warm start counts as the first selection found, so one solve, the proof, can be enough.
                    assertThat(r.phases()).as("%s: a wide objective needs a proof solve", where).isGreaterThan(0);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void greedyPackingIsFeasibleAndNeverAboveTheBruteForceOptimum(long seed) {
        // Checked with the oracle's own feasibility (not Part's packing, which built the greedy) and its own sums.
        WdpProblem p = RandomProblems.generate(seed, 10 + (int) (seed % 7), 4 + (int) (seed % 5),
                RandomProblems.constraints(seed), RandomProblems.Magnitude.SMALL);
        Part all = Part.of(p, IntStream.range(0, p.bids().size()).toArray(), Objective.of(p));
        List<Integer> greedy = all.toProblem(Greedy.solve(all));
        assertThat(BruteForce.feasible(p, greedy)).as("seed %d: greedy %s", seed, greedy).isTrue();
        BruteForce.Optimum oracle = BruteForce.solve(p);
        BigInteger greedyScore = scoreOf(p, greedy);
        assertThat(greedyScore).as("seed %d", seed).isLessThanOrEqualTo(oracle.score());
        WdpSolution exact = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(scoreOf(p, exact.chosen())).as("seed %d", seed).isEqualTo(oracle.score());
        GREEDY_BELOW_OPTIMUM.record(seed, greedyScore.compareTo(oracle.score()) < 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void onLargerProblemsTheGreedyIsFeasibleAndTheExactOptimumNotBelowIt(long seed) {
        // 30-59 bids: beyond brute force; the exact optimum itself is checked by the DP test below.
        WdpProblem p = RandomProblems.generate(seed, 30 + (int) (seed % 30), 12, RandomProblems.constraints(seed),
                RandomProblems.Magnitude.SMALL);
        Part all = Part.of(p, IntStream.range(0, p.bids().size()).toArray(), Objective.of(p));
        List<Integer> greedy = all.toProblem(Greedy.solve(all));
        assertThat(BruteForce.feasible(p, greedy)).as("seed %d", seed).isTrue();
        WdpSolution exact = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(BruteForce.feasible(p, exact.chosen())).as("seed %d", seed).isTrue();
        assertThat(scoreOf(p, exact.chosen())).as("seed %d", seed).isEqualTo(exact.score())
                .isGreaterThanOrEqualTo(scoreOf(p, greedy));
    }

    private static BigInteger scoreOf(WdpProblem p, List<Integer> chosen) {
        BigInteger s = BigInteger.ZERO;
        for (int k : chosen) {
            s = s.add(p.bids().get(k).score());
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void midSizedProblemsMatchAnIntentSubsetDynamicProgram(long seed) {
        // 40-60 bids on 14 intents: CP-SAT territory, too big for brute force, small for a DP over intent subsets.
        WdpProblem p = RandomProblems.generate(seed, 40 + (int) (seed % 21), 14, Constraints.NONE,
                seed % 2 == 0 ? RandomProblems.Magnitude.SMALL : RandomProblems.Magnitude.WEI);
        WdpSolution exact = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(exact.optimal()).isTrue();
        assertThat(exact.score()).as("seed %d", seed).isEqualTo(subsetDp(p));
    }

    @Test
    void anExactTieOnAWideObjectiveGivesTheCanonicalSelectionWhicheverConfigurationRuns() {
        // {0,1} and {2} tie in score and in tie value; the canonical choice is the lower positions, {0,1}.
        BigInteger wei = BigInteger.TEN.pow(21);
        for (List<WdpBid> bids : List.of(
                List.of(bid("a", new int[] {0}, 0, wei, 3), bid("b", new int[] {1}, 0, wei, 4), bid("ab", new int[] {0, 1}, 0, wei.shiftLeft(1), 7)),
                List.of(bid("ab", new int[] {0, 1}, 0, wei.shiftLeft(1), 7), bid("a", new int[] {0}, 0, wei, 3), bid("b", new int[] {1}, 0, wei, 4)))) {
            WdpProblem p = new WdpProblem(bids, 2, 1, 1, Constraints.NONE);
            Part all = Part.of(p, new int[] {0, 1, 2}, Objective.of(p));
            List<Integer> expected = bids.get(0).id().equals("a") ? List.of(0, 1) : List.of(0);
            for (List<CpSatTuning> race : List.of(List.of(CpSatTuning.LP), List.of(CpSatTuning.LIGHT_LP), CpSatTuning.PORTFOLIO)) {
                CpSatSolver.Result r = Portfolio.solve(all, List.of(), System.nanoTime() + Duration.ofSeconds(30).toNanos(), race,
                        false);
                assertThat(r.optimal()).isTrue();
                assertThat(r.chosen()).as("%s with %s", bids, race).isEqualTo(expected);
            }
        }
    }

    private static WdpBid bid(String id, int[] intents, int solver, BigInteger score, long tie) {
        return new WdpBid(id, intents, new int[] {0}, solver, score, tie);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dominanceMatchesItsDefinitionCheckedPairByPair(long seed) {
        // The definition written out: k goes when some other bid (of the same solver under a per-solver cap) trades
        // a subset of k's intents and is better in (score, tie value), or equal with the same intents and earlier.
        WdpProblem random = RandomProblems.generate(seed, 20 + (int) (seed % 60), 5 + (int) (seed % 9),
                RandomProblems.constraints(seed), RandomProblems.Magnitude.SMALL);
        // Tie values of 0 or 1, so that bids equal in (score, tie value) on nested intent sets are common.
        WdpProblem p = new WdpProblem(random.bids().stream().map(b -> new WdpBid(b.id(), b.intents(), b.pairs(),
                b.solver(), b.score(), b.tie() % 2)).toList(), random.intentCount(), random.pairCount(),
                random.solverCount(), random.constraints());
        boolean perSolver = p.constraints().maxWinnersPerSolver() > 0;
        boolean[] expected = new boolean[p.bids().size()];
        for (int k = 0; k < expected.length; k++) {
            WdpBid b = p.bids().get(k);
            java.util.Set<Integer> bIntents = new java.util.HashSet<>();
            for (int i : b.intents()) {
                bIntents.add(i);
            }
            for (int j = 0; j < expected.length && !expected[k]; j++) {
                WdpBid d = p.bids().get(j);
                boolean subset = java.util.Arrays.stream(d.intents()).allMatch(bIntents::contains);
                if (j == k || !subset || (perSolver && d.solver() != b.solver())) {
                    continue;
                }
                int cmp = d.score().compareTo(b.score()) != 0 ? d.score().compareTo(b.score()) : Long.compare(d.tie(), b.tie());
                expected[k] = cmp > 0 || (cmp == 0 && d.intents().length == b.intents().length && j < k);
            }
        }
        assertThat(ExactWinnerDetermination.dominated(p)).as("seed %d", seed).isEqualTo(expected);
    }

    @Test
    void dominatedBidsAreDroppedAndIdenticalIntentSetsKeepOnlyTheBest() {
        WdpProblem p = new WdpProblem(List.of(
                bid("big", new int[] {0, 1}, 0, 10, 5),
                bid("sub", new int[] {0}, 1, 12, 1),     // dominates "big": fewer intents, more score
                bid("twin1", new int[] {2}, 0, 7, 3),
                bid("twin2", new int[] {2}, 1, 7, 9)),   // same intents, same score, higher tie: keeps twin2
                3, 1, 2, Constraints.NONE);
        boolean[] d = ExactWinnerDetermination.dominated(p);
        assertThat(d).containsExactly(true, false, true, false);
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.chosen()).containsExactly(1, 3);
        assertThat(s.stats().dominated()).isEqualTo(2);
    }

    @Test
    void aCapPerSolverKeepsAnotherSolversBidFromDominating() {
        // With one winner per solver, S0's "sub" does not make S1's "big" redundant.
        WdpProblem p = new WdpProblem(List.of(
                bid("big", new int[] {0, 1}, 1, 10, 5),
                bid("sub", new int[] {0}, 0, 12, 1),
                bid("other", new int[] {2}, 0, 11, 1)),
                3, 1, 2, new Constraints(0, 1, false));
        assertThat(ExactWinnerDetermination.dominated(p)).containsExactly(false, false, false);
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.score()).isEqualTo(BigInteger.valueOf(21)); // big (S1) + other (S0); dropping big would leave 12
    }

    @Test
    void componentsSplitOnIntentsAndOnPairsOnlyWhenPairDisjoint() {
        List<WdpBid> bids = List.of(
                bid("a", new int[] {0}, 0, 1, 1, 0),
                bid("b", new int[] {1}, 0, 1, 1, 0),
                bid("c", new int[] {2}, 0, 1, 1, 1));
        WdpProblem free = new WdpProblem(bids, 3, 2, 1, Constraints.NONE);
        WdpProblem pairs = new WdpProblem(bids, 3, 2, 1, new Constraints(0, 0, true));
        assertThat(ExactWinnerDetermination.components(free, new boolean[3])).hasSize(3);
        assertThat(ExactWinnerDetermination.components(pairs, new boolean[3])).hasSize(2);
        assertThat(new ExactWinnerDetermination().solve(pairs, LIMITS).chosen()).hasSize(2);
    }

    @Test
    void solvingTheSameProblemTwiceGivesTheSameWinners() {
        WdpProblem p = RandomProblems.generate(7, 200, 40, Constraints.NONE, RandomProblems.Magnitude.SMALL);
        WdpSolution a = new ExactWinnerDetermination().solve(p, LIMITS);
        WdpSolution b = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(b.chosen()).isEqualTo(a.chosen());
    }

    private static WdpBid bid(String id, int[] intents, int solver, long score, long tie) {
        return bid(id, intents, solver, score, tie, 0);
    }

    private static WdpBid bid(String id, int[] intents, int solver, long score, long tie, int pair) {
        return new WdpBid(id, intents, new int[] {pair}, solver, BigInteger.valueOf(score), tie);
    }

    /** Best packing value by dynamic programming over subsets of intents (independent of every solver). */
    private static BigInteger subsetDp(WdpProblem p) {
        int m = p.intentCount();
        long[] masks = new long[p.bids().size()];
        for (int k = 0; k < masks.length; k++) {
            for (int i : p.bids().get(k).intents()) {
                masks[k] |= 1L << i;
            }
        }
        BigInteger[] f = new BigInteger[1 << m];
        f[0] = BigInteger.ZERO;
        for (int mask = 1; mask < (1 << m); mask++) {
            int low = Integer.numberOfTrailingZeros(mask);
            BigInteger best = f[mask & ~(1 << low)]; // the lowest intent stays unsold
            for (int k = 0; k < masks.length; k++) {
                if ((masks[k] & (1L << low)) != 0 && (masks[k] & ~mask) == 0) {
                    BigInteger v = p.bids().get(k).score().add(f[mask & ~(int) masks[k]]);
                    if (v.compareTo(best) > 0) {
                        best = v;
                    }
                }
            }
            f[mask] = best;
        }
        return f[(1 << m) - 1];
    }
}

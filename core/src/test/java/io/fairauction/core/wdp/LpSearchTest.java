package io.fairauction.core.wdp;

import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LP-based branch and bound gives the exact optimum and, among equal optima, the canonical selection, like
 * CP-SAT, checked against an enumeration of every selection ({@link CpSatCanonicalTest.Enumeration}).
 */
class LpSearchTest {

    static LongStream seeds() {
        return Seeds.range(60);
    }


    private static CpSatSolver.Result search(Part part, List<Integer> warmStart) {
        return LpSearch.solve(part, warmStart, System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                new CpSatSolver.Stop());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactTiesAndWideWeightsGiveTheEnumeratedCanonicalOptimum(long seed) {
        // Mode 0: small scores, many exact ties; 1: wide (2^64..2^364) and still tying; 2: wide and random.
        for (int mode = 0; mode < 3; mode++) {
            WdpProblem p = CpSatCanonicalTest.mixed(seed * 3 + mode, 6 + (int) (seed % 19), 4 + (int) (seed % 6), mode);
            List<Integer> expected = CpSatCanonicalTest.Enumeration.canonical(p);
            Part part = RandomProblems.whole(p);
            for (List<Integer> warm : List.of(List.<Integer>of(), Greedy.solve(part))) {
                CpSatSolver.Result r = search(part, warm);
                assertThat(r.optimal()).as("seed %d mode %d warm %s", seed, mode, warm).isTrue();
                assertThat(part.toProblem(r.chosen())).as("seed %d mode %d warm %s", seed, mode, warm)
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void capsAndPairDisjointnessGiveTheEnumeratedCanonicalOptimum(long seed) {
        // Rows of capacity above one (per-solver and total caps) and pair rows, at every magnitude.
        for (RandomProblems.Magnitude m : RandomProblems.Magnitude.values()) {
            WdpProblem p = RandomProblems.generate(seed, 8 + (int) (seed % 11), 3 + (int) (seed % 5),
                    RandomProblems.constraints(seed), m);
            List<Integer> expected = CpSatCanonicalTest.Enumeration.canonical(p);
            Part part = RandomProblems.whole(p);
            CpSatSolver.Result r = search(part, List.of());
            assertThat(r.optimal()).as("seed %d %s", seed, m).isTrue();
            assertThat(part.toProblem(r.chosen())).as("seed %d %s", seed, m).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void racingCpSatGivesTheSameAnswerWhoeverWins(long seed) {
        WdpProblem p = CpSatCanonicalTest.mixed(seed, 12 + (int) (seed % 15), 5 + (int) (seed % 4), (int) (seed % 3));
        List<Integer> expected = CpSatCanonicalTest.Enumeration.canonical(p);
        Part part = RandomProblems.whole(p);
        CpSatSolver.Result r = Portfolio.solve(part, List.of(), System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                List.of(CpSatTuning.LP), Duration.ZERO, true);
        assertThat(r.optimal()).isTrue();
        assertThat(part.toProblem(r.chosen())).as("seed %d", seed).isEqualTo(expected);
    }

    @Test
    void aDeadlineAlreadyPassedGivesTheWarmStartAndABoundAboveTheOptimum() {
        WdpProblem p = CpSatCanonicalTest.mixed(7, 18, 6, 2);
        Part part = RandomProblems.whole(p);
        List<Integer> expected = CpSatCanonicalTest.Enumeration.canonical(p);
        List<Integer> greedy = Greedy.solve(part);
        CpSatSolver.Result r = LpSearch.solve(part, greedy, System.nanoTime() - 1, new CpSatSolver.Stop());
        assertThat(r.optimal()).isFalse();
        assertThat(r.chosen()).isEqualTo(greedy);
        BigInteger optimum = part.z(expected);
        assertThat(r.upperBound()).isGreaterThanOrEqualTo(optimum);
    }

    @Test
    void aStoppedSearchIsNotProven() {
        WdpProblem p = CpSatCanonicalTest.mixed(11, 18, 6, 2);
        Part part = RandomProblems.whole(p);
        CpSatSolver.Stop stop = new CpSatSolver.Stop();
        stop.stop();
        CpSatSolver.Result r = LpSearch.solve(part, List.of(), System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                stop);
        assertThat(r.optimal()).isFalse();
    }

    @Test
    void aPartOfMoreRowsThanTheDenseInverseAllowsIsLeftToCpSat() {
        // 2,001 intents with two bids each: 2,001 rows, one above the limit (a dense inverse of 32 MB and growing).
        List<WdpBid> bids = new java.util.ArrayList<>();
        for (int i = 0; i < 2_001; i++) {
            for (int j = 0; j < 2; j++) {
                bids.add(new WdpBid("b" + i + "-" + j, new int[] {i}, new int[] {i}, j, BigInteger.valueOf(1 + j), 1));
            }
        }
        Part part = RandomProblems.whole(new WdpProblem(bids, 2_001, 2_001, 2, Constraints.NONE));
        assertThat(part.rows()).hasSize(2_001);
        assertThat(search(part, List.of()).optimal()).isFalse();
    }

    @Test
    void aBidOfZeroWeightLeavesThePartToCpSat() {
        // The cut-off rows rely on every weight being positive (a selection's subsets weigh less).
        WdpBid zero = new WdpBid("z", new int[] {0}, new int[] {0}, 0, BigInteger.ZERO, 0);
        WdpBid one = new WdpBid("o", new int[] {1}, new int[] {0}, 0, BigInteger.ONE, 1);
        Part part = RandomProblems.whole(new WdpProblem(List.of(zero, one), 2, 1, 1, Constraints.NONE));
        assertThat(search(part, List.of()).optimal()).isFalse();
    }
}

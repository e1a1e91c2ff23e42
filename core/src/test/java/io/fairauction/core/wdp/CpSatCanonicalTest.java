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
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CP-SAT's answer is the exact optimum and, among equal optima, the canonical one (the smallest sorted list of bid
 * positions), for objectives of any width, checked against an enumeration of every selection.
 */
class CpSatCanonicalTest {
    private static final SolveLimits LIMITS = new SolveLimits(Duration.ofSeconds(60), 2);
    private static final List<List<CpSatTuning>> RACES = List.of(List.of(CpSatTuning.LP), List.of(CpSatTuning.LIGHT_LP),
            CpSatTuning.PORTFOLIO);

    static LongStream seeds() {
        return Seeds.range(60);
    }

    /** The oracle: every feasible selection, depth first in position order, keeping the canonical optimum. */
    static final class Enumeration {
        private final WdpProblem p;
        private final BigInteger[] w;
        private BigInteger best;
        private List<Integer> bestSet;

        private Enumeration(WdpProblem p, BigInteger[] w) {
            this.p = p;
            this.w = w;
        }

        /** The canonical optimum of weights {@code w} (one per bid) under the problem's constraints. */
        static List<Integer> canonical(WdpProblem p, BigInteger[] w) {
            Enumeration e = new Enumeration(p, w);
            e.visit(0, new ArrayList<>(), BigInteger.ZERO);
            return e.bestSet;
        }

        /** The canonical optimum of the lexicographic (score, tie value) objective. */
        static List<Integer> canonical(WdpProblem p) {
            BigInteger[] w = new BigInteger[p.bids().size()];
            int shift = WdpProblem.MAX_TIE_BITS + 16; // wider than any tie sum here: score first, tie value second
            for (int k = 0; k < w.length; k++) {
                w[k] = p.bids().get(k).score().shiftLeft(shift).add(BigInteger.valueOf(p.bids().get(k).tie()));
            }
            return canonical(p, w);
        }

        private void visit(int k, List<Integer> set, BigInteger value) {
            if (k == w.length) {
                int cmp = best == null ? 1 : value.compareTo(best);
                if (cmp > 0 || (cmp == 0 && lexLess(set, bestSet))) {
                    best = value;
                    bestSet = List.copyOf(set);
                }
                return;
            }
            set.add(k);
            if (BruteForce.feasible(p, set)) {
                visit(k + 1, set, value.add(w[k]));
            }
            set.remove(set.size() - 1);
            visit(k + 1, set, value);
        }

        private static boolean lexLess(List<Integer> a, List<Integer> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return a.get(i) < b.get(i);
                }
            }
            return a.size() < b.size();
        }
    }


    /** The others join at once, so that a race of two really runs both (these parts are solved within a second). */
    private static CpSatSolver.Result cpSat(Part part, List<CpSatTuning> race) {
        return Portfolio.solve(part, List.of(), System.nanoTime() + Duration.ofSeconds(60).toNanos(), race, Duration.ZERO, false);
    }

    private static WdpBid bid(String id, int[] intents, long score, long tie) {
        return new WdpBid(id, intents, new int[] {0}, 0, BigInteger.valueOf(score), tie);
    }

    @Test
    void anExactTieWithinSixtyFourBitsGivesTheCanonicalSelection() {
        // Defect 1: {ab} and {a, b} tie in score and tie value, and the objective is narrow (s = 0 in CP-SAT).
        // Whichever comes first in position order must win, under every configuration and with or without LP fixing.
        WdpBid a = bid("a", new int[] {0}, 5, 1);
        WdpBid b = bid("b", new int[] {1}, 5, 1);
        WdpBid ab = bid("ab", new int[] {0, 1}, 10, 2);
        WdpBid c = bid("c", new int[] {2}, 5, 1);
        WdpBid bc = bid("bc", new int[] {1, 2}, 10, 2);
        for (List<WdpBid> bids : List.of(List.of(a, b, ab, c, bc), List.of(ab, a, b, c, bc), List.of(bc, ab, c, a, b),
                List.of(c, bc, b, ab, a))) {
            WdpProblem p = new WdpProblem(bids, 3, 1, 1, Constraints.NONE);
            List<Integer> expected = Enumeration.canonical(p);
            for (List<CpSatTuning> race : RACES) {
                for (boolean lpFixing : new boolean[] {true, false}) {
                    Part all = RandomProblems.whole(p);
                    if (!lpFixing) {
                        all.useLpBound(LpBound.trivial(all));
                    }
                    CpSatSolver.Result r = cpSat(all, race);
                    assertThat(r.optimal()).isTrue();
                    assertThat(r.chosen()).as("%s with %s, LP fixing %s", bids, race, lpFixing).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * Bids on 2-3 of a few intents, each intent worth the same score and tie key: every selection covering as many
     * intents ties, as in an auction where bids price intents alike. No single-intent bids, so every batched bid
     * is searched; more than {@link BranchAndBound#MAX_BIDS} bids in one part, some on three intents: CP-SAT's.
     */
    static WdpProblem tiedAuction(long seed, int bids, int intents) {
        SplittableRandom r = new SplittableRandom(seed);
        List<WdpBid> out = new ArrayList<>();
        for (int k = 0; k < bids; k++) {
            TreeSet<Integer> in = new TreeSet<>();
            int size = 2 + r.nextInt(2);
            while (in.size() < size) {
                in.add(r.nextInt(intents));
            }
            out.add(new WdpBid("b" + k, in.stream().mapToInt(Integer::intValue).toArray(), new int[] {0}, 0,
                    BigInteger.valueOf(1_000_000L * size), 3L * size));
        }
        return new WdpProblem(out, intents, 1, 1, Constraints.NONE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anAuctionWithExactTiesGetsTheCanonicalSelectionFromCpSat(long seed) {
        // Defect 1 on the objective a real auction builds (Objective.of), through the public API.
        WdpProblem p = tiedAuction(seed, 30 + (int) (seed % 6), 10 + (int) (seed % 2));
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.stats().cpSatComponents()).as("seed %d", seed).isPositive();
        assertThat(s.optimal()).isTrue();
        assertThat(s.chosen()).as("seed %d", seed).isEqualTo(Enumeration.canonical(p));
    }

    /**
     * {@link #tiedAuction} plus one individual bid per intent, all in shuffled positions: every batched bid is worth
     * a fixed bonus over the individual bids it replaces, so every packing of as many batched bids ties, and which
     * one is canonical depends on where the individual bids (priced out of the search) sit.
     */
    static WdpProblem tiedAuctionWithSingles(long seed, int batched, int intents) {
        SplittableRandom r = new SplittableRandom(seed);
        List<WdpBid> out = new ArrayList<>();
        for (int k = 0; k < batched; k++) {
            TreeSet<Integer> in = new TreeSet<>();
            int size = 2 + r.nextInt(2);
            while (in.size() < size) {
                in.add(r.nextInt(intents));
            }
            out.add(new WdpBid("b" + k, in.stream().mapToInt(Integer::intValue).toArray(), new int[] {0}, 0,
                    BigInteger.valueOf(1_000_000L * size + 100_000), 3L * size));
        }
        for (int i = 0; i < intents; i++) {
            out.add(new WdpBid("s" + i, new int[] {i}, new int[] {0}, 0, BigInteger.valueOf(1_000_000L), 3));
        }
        shuffle(out, r);
        return new WdpProblem(out, intents, 1, 1, Constraints.NONE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void individualBidsPricedOutOfTheSearchStillDecideTiesInCpSat(long seed) {
        WdpProblem p = tiedAuctionWithSingles(seed, 28 + (int) (seed % 6), 9 + (int) (seed % 2));
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.stats().cpSatComponents()).as("seed %d", seed).isPositive();
        assertThat(s.optimal()).isTrue();
        assertThat(s.chosen()).as("seed %d", seed).isEqualTo(Enumeration.canonical(p));
    }

    /**
     * Matching-shaped auctions (every bid on one or two intents) with an individual bid on most intents, in shuffled
     * positions: every two-intent bid is worth the same bonus over the individual bids it replaces, so packings of as
     * many two-intent bids tie and the individual bids' positions decide. Either two or three small clusters (at
     * most {@link BranchAndBound#MAX_BIDS} bids each: solved reduced, the individual bids as shadows) or one
     * connected cluster of 21-24 distinct two-intent bids (past the enumeration: solved unreduced as a matching).
     */
    static WdpProblem tiedMatchingWithSingles(long seed, boolean large) {
        SplittableRandom r = new SplittableRandom(seed);
        List<WdpBid> out = new ArrayList<>();
        int intents = 0;
        int clusters = large ? 1 : 2 + r.nextInt(2);
        for (int c = 0; c < clusters; c++) {
            int size = large ? 9 : 3 + r.nextInt(2);
            // Small clusters: random pairs, repeats allowed. The large one: a path (one component) plus distinct pairs.
            List<int[]> chosen = new ArrayList<>();
            TreeSet<Integer> distinct = new TreeSet<>();
            if (large) {
                for (int a = 0; a + 1 < size; a++) {
                    distinct.add(a * size + a + 1);
                }
            }
            int count = large ? 21 + r.nextInt(4) : 2 + r.nextInt(4);
            while ((large ? distinct.size() : chosen.size()) < count) {
                int a = r.nextInt(size);
                int b = r.nextInt(size - 1);
                b = b >= a ? b + 1 : b;
                distinct.add(Math.min(a, b) * size + Math.max(a, b));
                chosen.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
            if (large) {
                chosen.clear();
                distinct.forEach(p -> chosen.add(new int[] {p / size, p % size}));
            }
            for (int[] e : chosen) {
                out.add(new WdpBid("p" + out.size(), new int[] {intents + e[0], intents + e[1]}, new int[] {0}, 0,
                        BigInteger.valueOf(2_100_000L), 2));
            }
            for (int i = intents; i < intents + size; i++) {
                if (r.nextInt(5) > 0) {
                    out.add(new WdpBid("s" + i, new int[] {i}, new int[] {0}, 0, BigInteger.valueOf(1_000_000L), 1));
                }
            }
            intents += size;
        }
        shuffle(out, r);
        return new WdpProblem(out, intents, 1, 1, Constraints.NONE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void individualBidsPricedOutOfSmallMatchingsStillDecideTies(long seed) {
        boolean large = seed % 2 == 0;
        WdpProblem p = tiedMatchingWithSingles(seed, large);
        WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
        assertThat(s.optimal()).isTrue();
        assertThat(s.chosen()).as("seed %d", seed).isEqualTo(Enumeration.canonical(p));
        // Small matchings are settled by the trivial rule or the enumeration, not the blossom algorithm.
        assertThat(s.stats().matchingComponents()).as("seed %d", seed).isEqualTo(large ? 1 : 0);
    }

    /** Weights {@code z 2^n + 2^(n-1-k)}: a unique optimum, the canonical optimum of z, on a 130-200-bit objective. */
    private static BigInteger[] lexWeights(Part base) {
        int n = base.size();
        BigInteger[] w = new BigInteger[n];
        for (int k = 0; k < n; k++) {
            w[k] = base.z[k].shiftLeft(n).add(BigInteger.ONE.shiftLeft(n - 1 - k));
        }
        return w;
    }

    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {25, 28})
    void wideWeightsAreOnlyProvenOptimalWhenTheyAre(long seed) {
        // Defect 2, as reported: 60-200 bids, past enumeration, so the exact matching is the reference (a different
        // algorithm), and the weight CP-SAT reaches must not be below it.
        WdpProblem p = MatchingTest.graph(seed, 60 + (int) (seed * 7 % 141), 20 + (int) (seed % 40),
                MatchingTest.Values.EQUAL);
        Part base = RandomProblems.whole(p);
        List<Integer> matching = Matching.solve(base);
        for (boolean lpFixing : new boolean[] {true, false}) {
            Part part = new Part(p, base.bids, lexWeights(base), base.objective);
            if (!lpFixing) {
                part.useLpBound(LpBound.trivial(part));
            }
            CpSatSolver.Result r = cpSat(part, List.of(CpSatTuning.LP));
            assertThat(part.z(r.chosen())).as("seed %d, LP fixing %s", seed, lpFixing)
                    .isGreaterThanOrEqualTo(part.z(matching));
            assertThat(r.optimal()).isTrue();
            assertThat(r.chosen()).isEqualTo(matching);
        }
    }

    /** Bundles of 1-4 intents; values by mode, ties forced by small integers in all but the random ones. */
    static WdpProblem mixed(long seed, int bids, int intents, int mode) {
        SplittableRandom r = new SplittableRandom(seed);
        BigInteger wide = BigInteger.ONE.shiftLeft(64 + r.nextInt(300));
        List<WdpBid> out = new ArrayList<>();
        for (int k = 0; k < bids; k++) {
            TreeSet<Integer> in = new TreeSet<>();
            int size = 1 + r.nextInt(Math.min(4, intents));
            while (in.size() < size) {
                in.add(r.nextInt(intents));
            }
            BigInteger score = switch (mode) {
                case 0 -> BigInteger.valueOf(r.nextInt(4) * (long) size);          // small: many exact ties
                case 1 -> wide.multiply(BigInteger.valueOf(1 + r.nextInt(3) * (long) size)); // wide, still tying
                default -> new BigInteger(64 + r.nextInt(300), new java.util.Random(r.nextLong())); // wide, random
            };
            long tie = mode == 2 ? r.nextInt(1 << 20) * (long) size : size;
            out.add(new WdpBid("b" + k, in.stream().mapToInt(Integer::intValue).toArray(), new int[] {0}, 0, score, tie));
        }
        return new WdpProblem(out, intents, 1, 1, Constraints.NONE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyPathGivesTheEnumeratedCanonicalOptimum(long seed) {
        for (int mode = 0; mode < 3; mode++) {
            WdpProblem p = mixed(seed * 3 + mode, 6 + (int) (seed % 19), 4 + (int) (seed % 6), mode);
            List<Integer> expected = Enumeration.canonical(p);
            String where = "seed " + seed + " mode " + mode;
            WdpSolution s = new ExactWinnerDetermination().solve(p, LIMITS);
            assertThat(s.optimal()).as(where).isTrue();
            // Without options individual bids are priced out of the search (ExactWinnerDetermination.Reduction),
            // yet they count in the tie rule: seed 18 mode 0 once gave [4] where [0, 19] is canonical.
            assertThat(s.chosen()).as(where).isEqualTo(expected);
            assertThat(s.score()).as(where).isEqualTo(scoreOf(p, expected));
            // A cap no selection reaches keeps every bid in the search.
            WdpProblem capped = new WdpProblem(p.bids(), p.intentCount(), 1, 1, new Constraints(p.bids().size(), 0, false));
            assertThat(new ExactWinnerDetermination().solve(capped, LIMITS).chosen()).as(where).isEqualTo(expected);
            for (CpSatTuning t : List.of(CpSatTuning.LP, CpSatTuning.LIGHT_LP)) {
                for (boolean lpFixing : new boolean[] {true, false}) {
                    Part all = RandomProblems.whole(p);
                    if (!lpFixing) {
                        all.useLpBound(LpBound.trivial(all));
                    }
                    CpSatSolver.Result r = cpSat(all, List.of(t));
                    assertThat(r.optimal()).as("%s %s LP fixing %s", where, t, lpFixing).isTrue();
                    assertThat(all.toProblem(r.chosen())).as("%s %s LP fixing %s", where, t, lpFixing)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aWarmStartThatIsNotTheCanonicalOptimumStillGivesIt(long seed) {
        // With bits dropped (wide scores) the warm start counts as the first selection found and is cut off before
        // the first solve: an optimum that is not the canonical one, or a worse selection, must still lead to the
        // canonical optimum, also under a cap on all winners (a packing row wider than 1 in the local search).
        WdpProblem free = mixed(seed * 5 + 2, 6 + (int) (seed % 15), 4 + (int) (seed % 6), 1);
        for (WdpProblem p : List.of(free,
                new WdpProblem(free.bids(), free.intentCount(), 1, 1, new Constraints(2, 0, false)))) {
            List<Integer> expected = Enumeration.canonical(p);
            List<List<Integer>> starts = new ArrayList<>(BruteForce.solve(p).sets());
            starts.remove(expected);
            starts = new ArrayList<>(starts.subList(0, Math.min(4, starts.size())));
            for (int k = 0; k < p.bids().size(); k++) {
                if (!expected.equals(List.of(k))) {
                    starts.add(List.of(k)); // a worse selection (or a tying one)
                    break;
                }
            }
            for (List<Integer> start : starts) {
                for (CpSatTuning t : List.of(CpSatTuning.LP, CpSatTuning.LIGHT_LP)) {
                    Part all = RandomProblems.whole(p);
                    // Through the portfolio, which finishes an enumeration of many near-ties with window phases.
                    CpSatSolver.Result r = Portfolio.solve(all, start,
                            System.nanoTime() + Duration.ofSeconds(60).toNanos(), List.of(t), false);
                    String where = "seed " + seed + " " + p.constraints() + " from " + start + " " + t;
                    assertThat(r.optimal()).as(where).isTrue();
                    assertThat(all.toProblem(r.chosen())).as(where).isEqualTo(expected);
                }
            }
        }
    }

    private static BigInteger scoreOf(WdpProblem p, List<Integer> chosen) {
        return chosen.stream().map(k -> p.bids().get(k).score()).reduce(BigInteger.ZERO, BigInteger::add);
    }


    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void veryWideLexicographicWeightsGiveTheCanonicalOptimum(long seed) {
        // Defect 3: z 2^n + 2^(n-1-k) on top of scores up to 2^600 (past a double's range in the LP bound too),
        // with many near-ties in the top bits: the enumeration overflows into window phases.
        WdpProblem p = mixed(seed * 7 + 1, 8 + (int) (seed % 13), 4 + (int) (seed % 5), 1);
        Part base = RandomProblems.whole(p);
        BigInteger[] w = lexWeights(base);
        for (int k = 0; k < w.length; k++) {
            w[k] = w[k].shiftLeft(600 + (int) seed);
        }
        List<Integer> expected = Enumeration.canonical(p, w);
        for (CpSatTuning t : List.of(CpSatTuning.LP, CpSatTuning.LIGHT_LP)) {
            Part part = new Part(p, base.bids, w, base.objective);
            CpSatSolver.Result r = cpSat(part, List.of(t));
            assertThat(r.optimal()).as("seed %d %s", seed, t).isTrue();
            assertThat(r.chosen()).as("seed %d %s", seed, t).isEqualTo(expected);
        }
    }

    /** Fisher-Yates with the test's own generator, so a seed gives the same bid order on every JVM. */
    private static void shuffle(List<WdpBid> out, SplittableRandom r) {
        for (int k = out.size() - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            WdpBid t = out.get(k);
            out.set(k, out.get(j));
            out.set(j, t);
        }
    }
}

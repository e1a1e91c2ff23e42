package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Exact winner determination, made fast the way the best combinatorial-auction solvers do it:
 * <ol>
 *   <li>drop dominated bids: a bid is never needed when another bid on a subset of its intents is strictly
 *       better (higher score, or equal score and higher tie value);</li>
 *   <li>without coupling options, price every batched bid against the best individual bids on its intents:
 *       an intent no batched bid wins is best filled by its best individual bid, so only batched bids with a
 *       non-negative bonus over those individual bids can be in the optimum, and only they enter the search (the
 *       individual bids still count in the tie rule, see {@link Reduction});</li>
 *   <li>split what is left into independent parts (intents linked by bids, and by token pairs when winners
 *       must be pair-disjoint);</li>
 *   <li>settle trivial parts directly (a single bid, or bids that all share one intent), solve parts whose bids
 *       trade at most two intents each as maximum-weight matchings ({@link Matching}), enumerate small ones,
 *       and race CP-SAT and an LP-based branch and bound on the others, one per core, with a greedy warm start
 *       ({@link Portfolio});</li>
 *   <li>when per-solver or total caps couple the parts and the separate optima break a cap, solve everything
 *       together.</li>
 * </ol>
 * The objective is lexicographic, total score then total tie value (see {@link Objective}), and every part's
 * answer is canonical, so the result does not depend on which configuration finishes first.
 */
public final class ExactWinnerDetermination implements WinnerDetermination {

    private final List<CpSatTuning> configs;
    private final boolean lpSearch;

    /**
     * Races CP-SAT's {@link CpSatTuning#LP} configuration and the LP-based branch and bound ({@link LpSearch}) when
     * the limits allow two workers, and more of {@link CpSatTuning#PORTFOLIO} when they allow more.
     */
    public ExactWinnerDetermination() {
        this(CpSatTuning.PORTFOLIO, true);
    }

    /** Races CP-SAT configurations only (the first one also the fallback for many near-ties). */
    public ExactWinnerDetermination(List<CpSatTuning> configs) {
        this(configs, false);
    }

    /**
     * @param configs  CP-SAT configurations, the first one also the fallback for many near-ties
     * @param lpSearch whether the branch and bound takes the second worker
     */
    public ExactWinnerDetermination(List<CpSatTuning> configs, boolean lpSearch) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("at least one configuration");
        }
        this.configs = List.copyOf(configs);
        this.lpSearch = lpSearch;
    }

    @Override
    public WdpSolution solve(WdpProblem problem, SolveLimits limits) {
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        Objective objective = Objective.of(problem);
        boolean[] dropped = dominated(problem);
        int dominatedCount = count(dropped);

        List<Integer> chosen = new ArrayList<>();
        BigInteger zFixed = BigInteger.ZERO; // packed objective settled outside the parts
        Reduction reduction = null;
        List<Part> parts = new ArrayList<>();
        if (problem.constraints().equals(Constraints.NONE)) {
            Reduction r = new Reduction(problem, objective, dropped);
            reduction = r;
            zFixed = r.singlesValue;
            for (int[] bids : components(problem, r.outOfSearch)) {
                Part part = r.part(bids);
                parts.add(part);
                if (part.shadows.isEmpty()) {
                    // Weighted in full, individual bids included: their weight is already in zFixed.
                    zFixed = zFixed.subtract(r.singlesValue(bids));
                }
            }
        } else {
            for (int[] bids : components(problem, dropped)) {
                parts.add(Part.of(problem, bids, objective));
            }
        }

        List<PartResult> results = solveAll(parts, deadline, limits.workers());
        if (problem.constraints().couplesComponents() && parts.size() > 1
                && !Part.feasible(problem, union(results))) {
            int[] all = IntStream.range(0, problem.bids().size()).filter(b -> !dropped[b]).toArray();
            parts = List.of(Part.of(problem, all, objective));
            results = solveAll(parts, deadline, limits.workers());
        }

        boolean optimal = true;
        BigInteger zBound = zFixed;
        int largest = 0;
        int cpSat = 0;
        int matchings = 0;
        int phases = 0;
        for (int k = 0; k < parts.size(); k++) {
            PartResult r = results.get(k);
            chosen.addAll(r.chosen);
            optimal &= r.optimal;
            zBound = zBound.add(r.upperBound);
            largest = Math.max(largest, parts.get(k).size());
            cpSat += r.cpSat ? 1 : 0;
            matchings += r.matching ? 1 : 0;
            phases += r.phases;
        }
        if (reduction != null) {
            chosen.addAll(reduction.singlesOutside(chosen));
        }
        chosen.sort(null);
        BigInteger score = BigInteger.ZERO;
        for (int b : chosen) {
            score = score.add(problem.bids().get(b).score());
        }
        BigInteger gap = optimal ? BigInteger.ZERO : objective.scoreBound(zBound).subtract(score).max(BigInteger.ZERO);
        return new WdpSolution(chosen, score, optimal, gap,
                new WdpSolution.Stats(parts.size(), largest, dominatedCount, cpSat, phases, matchings));
    }

    /** What solving one part gave, with an upper bound on its weight (its value when optimal). */
    private record PartResult(List<Integer> chosen, boolean optimal, BigInteger upperBound, boolean cpSat, int phases,
                              boolean matching) {
        PartResult(List<Integer> chosen, boolean optimal, BigInteger upperBound, boolean cpSat, int phases) {
            this(chosen, optimal, upperBound, cpSat, phases, false);
        }
    }

    private static List<Integer> union(List<PartResult> results) {
        List<Integer> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.chosen));
        return all;
    }

    private List<PartResult> solveAll(List<Part> parts, long deadline, int workers) {
        boolean withLpSearch = lpSearch && workers > 1;
        List<CpSatTuning> race = configs.subList(0, Math.max(1, Math.min(workers - (withLpSearch ? 1 : 0),
                configs.size())));
        return parts.stream().map(p -> solvePart(p, deadline, race, withLpSearch)).toList();
    }

    private static PartResult solvePart(Part part, long deadline, List<CpSatTuning> race, boolean lpSearch) {
        if (part.size() == 1 || sharesOneIntent(part)) {
            int best = 0;
            for (int k = 1; k < part.size(); k++) {
                int cmp = part.z[k].compareTo(part.z[best]);
                if (cmp > 0 || (cmp == 0 && part.before(List.of(k), List.of(best)))) {
                    best = k;
                }
            }
            return new PartResult(part.toProblem(List.of(best)), true, part.z[best], false, 0);
        }
        if (Matching.applies(part)) {
            List<Integer> local = Matching.solve(part);
            return new PartResult(part.toProblem(local), true, part.z(local), false, 0, true);
        }
        if (part.size() <= BranchAndBound.MAX_BIDS) {
            List<Integer> local = BranchAndBound.solve(part);
            return new PartResult(part.toProblem(local), true, part.z(local), false, 0);
        }
        CpSatSolver.Result r = Portfolio.solve(part, Greedy.solve(part), deadline, race, lpSearch);
        BigInteger value = part.z(r.chosen());
        BigInteger bound = r.optimal() ? value : r.upperBound().max(value);
        return new PartResult(part.toProblem(r.chosen()), r.optimal(), bound, true, r.phases());
    }

    /** All bids share an intent, so exactly one can win whatever the options (every cap is at least 1). */
    private static boolean sharesOneIntent(Part part) {
        int[] first = part.bid(0).intentsView();
        for (int i : first) {
            boolean all = true;
            for (int k = 1; k < part.size() && all; k++) {
                all = Arrays.binarySearch(part.bid(k).intentsView(), i) >= 0;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * Without coupling options, each intent's best individual bid wins whenever no batched bid covers the
     * intent (it fits with everything else and has positive weight), so the optimum is the best packing of
     * batched bids weighted by their bonus over those individual bids, plus the individual bids on the intents
     * left over. Batched bids with a negative bonus never help and stay out of the search.
     *
     * <p>The weight is exact, but the canonical order among equal optima counts the individual bids' positions
     * too, so they stay in each part as {@link Part.Shadow}s, which only the tie rule reads. A batched bid with a
     * zero bonus ties with the individual bids it replaces; a part with one, or a matching too large for the
     * enumeration (the matching's tie rule is built into its weights, see {@link Matching}, and cannot read
     * shadows), is solved unreduced instead: its batched bids and the individual bids on its intents, each
     * weighted in full.
     */
    private static final class Reduction {
        final WdpProblem problem;
        final Objective objective;
        final BigInteger[] bonus;
        /** Bids not searched over: dominated, individual, or batched with a negative bonus. */
        final boolean[] outOfSearch;
        /** The packed objective of every intent's best individual bid: the chosen batched bids' bonus adds to it. */
        final BigInteger singlesValue;
        private final int[] singleOf;
        private final BigInteger[] singleZ;

        Reduction(WdpProblem problem, Objective objective, boolean[] dropped) {
            this.problem = problem;
            this.objective = objective;
            int n = problem.bids().size();
            singleOf = new int[problem.intentCount()];
            singleZ = new BigInteger[problem.intentCount()];
            Arrays.fill(singleOf, -1);
            Arrays.fill(singleZ, BigInteger.ZERO);
            for (int b = 0; b < n; b++) {
                WdpBid bid = problem.bids().get(b);
                if (!dropped[b] && bid.intentCount() == 1) {
                    // After dominance at most one individual bid per intent is left.
                    singleOf[bid.intent(0)] = b;
                    singleZ[bid.intent(0)] = objective.z(bid);
                }
            }
            bonus = new BigInteger[n];
            outOfSearch = dropped.clone();
            for (int b = 0; b < n; b++) {
                WdpBid bid = problem.bids().get(b);
                if (dropped[b] || bid.intentCount() == 1) {
                    outOfSearch[b] = true;
                    continue;
                }
                BigInteger v = objective.z(bid);
                for (int i : bid.intentsView()) {
                    v = v.subtract(singleZ[i]);
                }
                bonus[b] = v;
                outOfSearch[b] = v.signum() < 0;
            }
            BigInteger total = BigInteger.ZERO;
            for (BigInteger z : singleZ) {
                total = total.add(z);
            }
            singlesValue = total;
        }

        /** The part of one component: reduced with shadows, or unreduced (no shadows) where that is needed. */
        Part part(int[] bids) {
            // A matching, unless small enough for the trivial rule or the enumeration, which read shadows: unreduced,
            // market-200's two-intent parts became blossom runs of a batched bid and its individual bids.
            boolean unreduced = bids.length > BranchAndBound.MAX_BIDS;
            for (int b : bids) {
                unreduced &= problem.bids().get(b).intentCount() <= 2;
            }
            for (int b : bids) {
                unreduced |= bonus[b].signum() == 0;
            }
            TreeMap<Integer, List<Integer>> coverers = new TreeMap<>(); // intent -> local bids on it
            for (int k = 0; k < bids.length; k++) {
                for (int i : problem.bids().get(bids[k]).intentsView()) {
                    coverers.computeIfAbsent(i, v -> new ArrayList<>()).add(k);
                }
            }
            if (unreduced) {
                int[] all = IntStream.concat(Arrays.stream(bids), coverers.keySet().stream()
                        .mapToInt(i -> singleOf[i]).filter(b -> b >= 0)).sorted().toArray();
                return Part.of(problem, all, objective);
            }
            List<Part.Shadow> shadows = new ArrayList<>();
            coverers.forEach((i, ks) -> {
                if (singleOf[i] >= 0) {
                    shadows.add(new Part.Shadow(singleOf[i], ks.stream().mapToInt(Integer::intValue).toArray()));
                }
            });
            return new Part(problem, bids, bonus(bids), objective, shadows);
        }

        /** The packed objective of the individual bids on the intents of {@code bids}. */
        BigInteger singlesValue(int[] bids) {
            java.util.Set<Integer> intents = new java.util.TreeSet<>();
            for (int b : bids) {
                for (int i : problem.bids().get(b).intentsView()) {
                    intents.add(i);
                }
            }
            BigInteger v = BigInteger.ZERO;
            for (int i : intents) {
                v = v.add(singleZ[i]);
            }
            return v;
        }

        /** The best individual bid of every intent the chosen bids leave uncovered. */
        List<Integer> singlesOutside(List<Integer> chosen) {
            boolean[] covered = new boolean[problem.intentCount()];
            for (int b : chosen) {
                for (int i : problem.bids().get(b).intentsView()) {
                    covered[i] = true;
                }
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < covered.length; i++) {
                if (!covered[i] && singleOf[i] >= 0) {
                    out.add(singleOf[i]);
                }
            }
            return out;
        }

        BigInteger[] bonus(int[] bids) {
            BigInteger[] z = new BigInteger[bids.length];
            for (int k = 0; k < bids.length; k++) {
                z[k] = bonus[bids[k]];
            }
            return z;
        }
    }

    /**
     * Bids that can never be in the optimum: another bid trades a subset of the same intents and is strictly
     * better in (score, tie value). When winners are capped per solver, only a bid of the same solver counts,
     * since swapping in another solver's bid could break that solver's cap.
     */
    static boolean[] dominated(WdpProblem problem) {
        List<WdpBid> bids = problem.bids();
        boolean perSolver = problem.constraints().maxWinnersPerSolver() > 0;
        // Index bids by their first (smallest) intent: a subset of b starts at one of b's intents.
        Map<Integer, List<Integer>> byFirst = new HashMap<>();
        for (int k = 0; k < bids.size(); k++) {
            byFirst.computeIfAbsent(bids.get(k).intentsView()[0], i -> new ArrayList<>()).add(k);
        }
        // b's intents marked, so that testing a candidate subset costs one look-up per intent and usually stops at
        // the first intent b lacks: with large bundles (hundreds of intents) these tests are most of the work.
        long[] inB = new long[(problem.intentCount() + 63) >>> 6];
        boolean[] out = new boolean[bids.size()];
        for (int k = 0; k < bids.size(); k++) {
            WdpBid b = bids.get(k);
            for (int i : b.intentsView()) {
                inB[i >>> 6] |= 1L << i;
            }
            search:
            for (int i : b.intentsView()) {
                for (int j : byFirst.getOrDefault(i, List.of())) {
                    if (j == k || out[j]) {
                        continue;
                    }
                    WdpBid d = bids.get(j);
                    if (d.intentsView().length > b.intentsView().length || (perSolver && d.solver() != b.solver())) {
                        continue;
                    }
                    int cmp = d.score().compareTo(b.score());
                    if (cmp == 0) {
                        cmp = Long.compare(d.tie(), b.tie());
                    }
                    // Equal on both counts with the same intents: keep the one that comes first.
                    boolean sameSet = d.intentsView().length == b.intentsView().length;
                    if ((cmp > 0 || (cmp == 0 && sameSet && j < k)) && within(d.intentsView(), inB)) {
                        out[k] = true;
                        break search;
                    }
                }
            }
            for (int i : b.intentsView()) {
                inB[i >>> 6] = 0;
            }
        }
        return out;
    }

    private static boolean within(int[] intents, long[] marked) {
        for (int i : intents) {
            if ((marked[i >>> 6] & (1L << i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Independent parts: bids linked through shared intents (and shared pairs when pair-disjoint). */
    static List<int[]> components(WdpProblem problem, boolean[] skip) {
        int m = problem.intentCount();
        boolean pairs = problem.constraints().pairDisjoint();
        int[] parent = new int[m + (pairs ? problem.pairCount() : 0)];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<WdpBid> bids = problem.bids();
        for (int k = 0; k < bids.size(); k++) {
            if (skip[k]) {
                continue;
            }
            int[] in = bids.get(k).intentsView();
            for (int i : in) {
                union(parent, in[0], i);
            }
            if (pairs) {
                for (int p : bids.get(k).pairsView()) {
                    union(parent, in[0], m + p);
                }
            }
        }
        // Parts in the order of their first bid, bids ascending: canonical, like the problem.
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        Map<Integer, Integer> partOfRoot = new HashMap<>();
        for (int k = 0; k < bids.size(); k++) {
            if (skip[k]) {
                continue;
            }
            int root = find(parent, bids.get(k).intentsView()[0]);
            Integer part = partOfRoot.get(root);
            if (part == null) {
                part = partOfRoot.size();
                partOfRoot.put(root, part);
            }
            groups.computeIfAbsent(part, g -> new ArrayList<>()).add(k);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}

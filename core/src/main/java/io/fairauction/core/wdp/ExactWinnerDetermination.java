package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact winner determination, made fast the way the best combinatorial-auction solvers do it:
 * <ol>
 *   <li>drop dominated bids: a bid is never needed when another bid on a subset of its intents is strictly
 *       better (higher score, or equal score and higher tie value);</li>
 *   <li>split the rest into independent parts (intents linked by bids, and by token pairs when winners must be
 *       pair-disjoint) and solve each on its own;</li>
 *   <li>settle trivial parts directly (a single bid, or bids that all share one intent), enumerate small
 *       ones, and give the others to CP-SAT with a greedy warm start;</li>
 *   <li>when per-solver or total caps couple the parts and the separate optima break a cap, solve everything
 *       together.</li>
 * </ol>
 * The objective is lexicographic: total score, then total tie value (see {@link WdpBid#tie()}).
 */
public final class ExactWinnerDetermination implements WinnerDetermination {

    private final CpSatTuning tuning;

    public ExactWinnerDetermination() {
        this(null);
    }

    /** @param tuning CP-SAT parameters, or null for {@link CpSatTuning#defaults} with the limits' workers */
    public ExactWinnerDetermination(CpSatTuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public WdpSolution solve(WdpProblem problem, SolveLimits limits) {
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        CpSatTuning cpSat = tuning != null ? tuning : CpSatTuning.defaults(limits.workers());

        boolean[] dominated = dominated(problem);
        int dominatedCount = 0;
        for (boolean d : dominated) {
            dominatedCount += d ? 1 : 0;
        }
        List<int[]> parts = components(problem, dominated);

        Acc acc = new Acc();
        for (int[] bids : parts) {
            acc.add(solvePart(new Part(problem, bids), deadline, cpSat));
        }
        if (problem.constraints().couplesComponents() && parts.size() > 1
                && !Part.feasible(problem, acc.chosen)) {
            int[] all = java.util.stream.IntStream.range(0, problem.bids().size()).filter(b -> !dominated[b]).toArray();
            Acc whole = new Acc();
            whole.add(solvePart(new Part(problem, all), deadline, cpSat));
            whole.parts = 1;
            whole.largest = all.length;
            acc = whole;
        } else {
            acc.parts = parts.size();
        }
        List<Integer> chosen = new ArrayList<>(acc.chosen);
        chosen.sort(null);
        BigInteger score = BigInteger.ZERO;
        for (int b : chosen) {
            score = score.add(problem.bids().get(b).score());
        }
        BigInteger gap = acc.optimal ? BigInteger.ZERO : acc.bound.subtract(score).max(BigInteger.ZERO);
        return new WdpSolution(chosen, score, acc.optimal, gap,
                new WdpSolution.Stats(acc.parts, acc.largest, dominatedCount, acc.cpSatParts, acc.phases));
    }

    /** What solving one part gave. */
    private record PartResult(List<Integer> chosen, boolean optimal, BigInteger scoreBound, int size,
                              boolean cpSat, int phases) {
    }

    private static final class Acc {
        final List<Integer> chosen = new ArrayList<>();
        boolean optimal = true;
        BigInteger bound = BigInteger.ZERO;
        int parts;
        int largest;
        int cpSatParts;
        int phases;

        void add(PartResult r) {
            chosen.addAll(r.chosen);
            optimal &= r.optimal;
            bound = bound.add(r.scoreBound);
            largest = Math.max(largest, r.size);
            cpSatParts += r.cpSat ? 1 : 0;
            phases += r.phases;
        }
    }

    private static PartResult solvePart(Part part, long deadline, CpSatTuning tuning) {
        if (part.size() == 1 || sharesOneIntent(part)) {
            int best = 0;
            for (int k = 1; k < part.size(); k++) {
                if (part.z[k].compareTo(part.z[best]) > 0) {
                    best = k;
                }
            }
            List<Integer> chosen = part.toProblem(List.of(best));
            BigInteger s = part.bid(best).score();
            return new PartResult(chosen, true, s, part.size(), false, 0);
        }
        if (part.size() <= BranchAndBound.MAX_BIDS) {
            List<Integer> local = BranchAndBound.solve(part);
            return new PartResult(part.toProblem(local), true, part.score(local), part.size(), false, 0);
        }
        CpSatSolver.Result r = CpSatSolver.solve(part, Greedy.solve(part), deadline, tuning);
        BigInteger score = part.score(r.chosen());
        BigInteger bound = r.optimal() ? score : r.scoreUpperBound().max(score);
        return new PartResult(part.toProblem(r.chosen()), r.optimal(), bound, part.size(), true, r.phases());
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
        boolean[] out = new boolean[bids.size()];
        for (int k = 0; k < bids.size(); k++) {
            WdpBid b = bids.get(k);
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
                    if (!subset(d.intentsView(), b.intentsView())) {
                        continue;
                    }
                    int cmp = d.score().compareTo(b.score());
                    if (cmp == 0) {
                        cmp = Long.compare(d.tie(), b.tie());
                    }
                    // Equal on both counts with the same intents: keep the one that comes first.
                    boolean sameSet = d.intentsView().length == b.intentsView().length;
                    if (cmp > 0 || (cmp == 0 && sameSet && j < k)) {
                        out[k] = true;
                        break search;
                    }
                }
            }
        }
        return out;
    }

    private static boolean subset(int[] small, int[] big) {
        int j = 0;
        for (int v : small) {
            while (j < big.length && big[j] < v) {
                j++;
            }
            if (j == big.length || big[j] != v) {
                return false;
            }
            j++;
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
            int root = find(parent, in[0]);
            for (int i : in) {
                union(parent, root, i);
            }
            if (pairs) {
                for (int p : bids.get(k).pairsView()) {
                    union(parent, root, m + p);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        Map<Integer, Integer> firstBidOfRoot = new HashMap<>();
        for (int k = 0; k < bids.size(); k++) {
            if (skip[k]) {
                continue;
            }
            int root = find(parent, bids.get(k).intentsView()[0]);
            int key = firstBidOfRoot.computeIfAbsent(root, r -> firstBidOfRoot.size());
            groups.computeIfAbsent(key, g -> new ArrayList<>()).add(k);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
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

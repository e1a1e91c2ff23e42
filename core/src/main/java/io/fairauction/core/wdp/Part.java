package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A subset of a problem's bids solved together (a component, or the whole problem when options couple the
 * components), each with its weight in the packed lexicographic objective (see {@link Objective}).
 */
final class Part {
    final WdpProblem problem;
    /** Problem-level bid indices, ascending (canonical order). */
    final int[] bids;
    /** The weight of each bid: its packed objective, or its bonus over the individual bids it replaces. */
    final BigInteger[] z;
    final Objective objective;

    /**
     * Individual bids taken out of the search by pricing batched bids against them (see
     * {@link ExactWinnerDetermination}): each wins exactly when none of its {@code coverers} (local indices) does.
     * They do not change the weight, only the canonical order among selections of equal weight.
     */
    final List<Shadow> shadows;

    /** An individual bid at problem position {@code position}, won iff no bid of {@code coverers} wins. */
    record Shadow(int position, int[] coverers) {
    }

    Part(WdpProblem problem, int[] bids, BigInteger[] z, Objective objective) {
        this(problem, bids, z, objective, List.of());
    }

    Part(WdpProblem problem, int[] bids, BigInteger[] z, Objective objective, List<Shadow> shadows) {
        this.problem = problem;
        this.bids = bids;
        this.z = z;
        this.objective = objective;
        this.shadows = List.copyOf(shadows);
    }

    /**
     * The canonical order of two local selections: by the sorted problem positions of everything they make win,
     * shadows included, lexicographically (a prefix first). Without shadows that is the order of the local indices.
     */
    boolean before(List<Integer> a, List<Integer> b) {
        if (shadows.isEmpty()) {
            return CpSatSolver.canonicallyBefore(a, b);
        }
        int[] ka = positions(a);
        int[] kb = positions(b);
        int cmp = java.util.Arrays.compare(ka, kb);
        return cmp < 0;
    }

    /** The sorted problem positions a local selection makes win, shadows included. */
    int[] positions(List<Integer> local) {
        boolean[] in = new boolean[bids.length];
        local.forEach(k -> in[k] = true);
        int[] out = new int[local.size() + shadows.size()];
        int n = 0;
        for (int k : local) {
            out[n++] = bids[k];
        }
        for (Shadow s : shadows) {
            if (wins(s, in)) {
                out[n++] = s.position;
            }
        }
        int[] sorted = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    static boolean wins(Shadow s, boolean[] in) {
        for (int c : s.coverers) {
            if (in[c]) {
                return false;
            }
        }
        return true;
    }

    /** A part weighted by each bid's own packed objective. */
    static Part of(WdpProblem problem, int[] bids, Objective objective) {
        BigInteger[] z = new BigInteger[bids.length];
        for (int k = 0; k < bids.length; k++) {
            z[k] = objective.z(problem.bids().get(bids[k]));
        }
        return new Part(problem, bids, z, objective);
    }

    private LpBound lpBound;

    /** The part's LP bound, computed once and shared by the configurations racing on it. */
    synchronized LpBound lpBound(long deadlineNanos) {
        if (lpBound == null) {
            lpBound = LpBound.of(this, deadlineNanos);
        }
        return lpBound;
    }

    private List<Integer> warmStart;

    /** The better of a greedy selection and {@link LocalSearch}'s, computed once and shared like the LP bound. */
    synchronized List<Integer> warmStart(LpBound lp, List<Integer> greedy) {
        if (warmStart == null) {
            warmStart = LocalSearch.improve(this, lp, greedy);
        }
        return warmStart;
    }

    /** Replaces the LP bound: tests use the trivial one to exercise the enumeration the LP bound usually spares. */
    synchronized void useLpBound(LpBound bound) {
        lpBound = bound;
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
     * An upper bound on the weight of any selection: every winner's weight is at most the best weight among
     * the bids on any one of its intents, and winners do not share intents.
     */
    BigInteger trivialBound() {
        java.util.Map<Integer, BigInteger> best = new java.util.HashMap<>();
        for (int k = 0; k < bids.length; k++) {
            for (int i : bid(k).intentsView()) {
                best.merge(i, z[k].max(BigInteger.ZERO), BigInteger::max);
            }
        }
        return best.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** A packing row: at most {@code rhs} of {@code members} (local indices, ascending) win. */
    record Row(int[] members, int rhs) {
    }

    /**
     * Every constraint of the part as a packing row, in a fixed order: one clique per intent, one per directed
     * pair when winners must be pair-disjoint, a cap per solver, the cap on all winners. Rows that cannot bind
     * are left out.
     */
    synchronized List<Row> rows() {
        // Computed once: the LP bound and every CP-SAT model of the part (two or more per solve) read them.
        if (rows == null) {
            rows = buildRows();
        }
        return rows;
    }

    private List<Row> rows;

    private List<Row> buildRows() {
        TreeMap<Integer, List<Integer>> byIntent = new TreeMap<>();
        TreeMap<Integer, List<Integer>> byPair = new TreeMap<>();
        TreeMap<Integer, List<Integer>> bySolver = new TreeMap<>();
        for (int k = 0; k < bids.length; k++) {
            WdpBid b = bid(k);
            for (int i : b.intentsView()) {
                byIntent.computeIfAbsent(i, v -> new ArrayList<>()).add(k);
            }
            for (int p : b.pairsView()) {
                byPair.computeIfAbsent(p, v -> new ArrayList<>()).add(k);
            }
            bySolver.computeIfAbsent(b.solver(), v -> new ArrayList<>()).add(k);
        }
        List<Row> rows = new ArrayList<>();
        Constraints c = constraints();
        addRows(rows, byIntent.values(), 1);
        if (c.pairDisjoint()) {
            addRows(rows, byPair.values(), 1);
        }
        if (c.maxWinnersPerSolver() > 0) {
            addRows(rows, bySolver.values(), c.maxWinnersPerSolver());
        }
        if (c.maxWinners() > 0 && bids.length > c.maxWinners()) {
            addRows(rows, List.of(IntStream.range(0, bids.length).boxed().toList()), c.maxWinners());
        }
        return List.copyOf(rows);
    }

    private static void addRows(List<Row> rows, Collection<List<Integer>> groups, int rhs) {
        for (List<Integer> g : groups) {
            if (g.size() > rhs) {
                rows.add(new Row(g.stream().mapToInt(Integer::intValue).toArray(), rhs));
            }
        }
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

    /** The width of the widest weight: {@link #scaledWeight} divides by {@code 2^bits}. */
    int weightBits() {
        int bits = 0;
        for (BigInteger w : z) {
            bits = Math.max(bits, w.bitLength());
        }
        return bits;
    }

    /**
     * Bid k's weight over {@code 2^bits} as a double, for the LP solvers: weights of any width (a double overflows
     * past 2^1024) come out at most 1, so the simplex works on ordinary numbers and its prices scale back exactly.
     */
    double scaledWeight(int k, int bits) {
        int drop = Math.max(0, bits - 62);
        return Math.scalb(z[k].shiftRight(drop).doubleValue(), drop - bits);
    }

    /** Whether a local selection satisfies every constraint. */
    boolean packs(List<Integer> local) {
        Packing p = packing();
        for (int k : local) {
            if (!p.fits(k)) {
                return false;
            }
            p.add(k);
        }
        return true;
    }

    /** Whether a selection of problem-level indices satisfies every constraint. */
    static boolean feasible(WdpProblem problem, List<Integer> chosen) {
        int[] all = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Part.of(problem, all, Objective.of(problem)).packs(IntStream.range(0, all.length).boxed().toList());
    }
}

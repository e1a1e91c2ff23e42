package io.fairauction.core.wdp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact LP-based branch and bound, the racer that proves where CP-SAT is slow (CATS uniform and arbitrary: CP-SAT's
 * proofs there take about twice CBC's). Depth first, each node's LP relaxation solved by {@link PackingLp} warm from
 * its parent's basis, branching on the bid with the largest weighted fractionality, winning first.
 *
 * <p>Exact although the LP is floating point: a node is pruned only when an upper bound computed in integers from
 * the LP's dual prices is below the best weight. For any prices {@code y >= 0} on the rows ({@code A x <= b}), every
 * selection in a node is worth at most {@code Σ y_r b_r + Σ_{k won} rc_k + Σ_{k free} max(0, rc_k)} with
 * {@code rc_k = z_k - Σ_r y_r A_rk}, whatever rounding the prices carry (see {@link LpBound}). Nodes whose bound
 * merely ties the best are explored, and an integral LP solution is cut off with a row "some other free bid wins"
 * and its node searched again, so every selection reaching the optimum is seen and the canonical one returned: the
 * same answer as {@link CpSatSolver}, so the two can race.
 */
final class LpSearch {
    /** Below this distance from 0 or 1 an LP value counts as integral (the simplex's primal tolerance is 1e-9). */
    private static final double INTEGRAL = 1e-6;
    /**
     * Larger parts are left to CP-SAT: the simplex keeps a dense inverse (m^2 doubles, 32 MB at 2,000 rows, more as
     * cut-off rows are added) and updates all of it at every pivot.
     */
    private static final int MAX_ROWS = 2_000;
    /** The right-hand side marking a cut-off row whose node is finished. */
    private static final long RETIRED = Long.MAX_VALUE;

    private final Part part;
    private final int n;
    private final long deadlineNanos;
    private final CpSatSolver.Stop stop;
    private final PackingLp lp;
    /**
     * The exact right-hand side of each of the LP's rows: the part's packing rows, then the cut-off rows added during
     * the search (coefficient -1, rhs -1; {@link #RETIRED} once their node is finished).
     */
    private final List<Long> rhs = new ArrayList<>();
    /** The part's packing rows come first; every row from here on is a cut-off row. */
    private final int packingRows;
    /** Cut-off rows of finished nodes, free to take the next cut (else the LP would grow with every leaf). */
    private final ArrayDeque<Integer> retired = new ArrayDeque<>();
    /** -1 free, 0 lost, 1 won. */
    private final int[] fixed;
    /** Bids won in each packing row under the current fixings. */
    private final int[] wonIn;
    /** The weights scaled into doubles for the LP, and the scale: {@code z ~ w * 2^e}. */
    private final int e;
    private final double[] w;
    private List<Integer> best;
    /** The root's exact bound: the part's bound should the search stop early. */
    private BigInteger rootBound;
    private BigInteger bestZ;
    private boolean aborted;

    private LpSearch(Part part, long deadlineNanos, CpSatSolver.Stop stop) {
        this.part = part;
        this.n = part.size();
        this.deadlineNanos = deadlineNanos;
        this.stop = stop;
        this.e = part.weightBits();
        w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = part.scaledWeight(k, e);
        }
        List<Part.Row> packing = part.rows();
        lp = new PackingLp(w, packing);
        for (Part.Row row : packing) {
            rhs.add((long) row.rhs());
        }
        packingRows = packing.size();
        wonIn = new int[packingRows];
        fixed = new int[n];
        Arrays.fill(fixed, -1);
    }

    /**
     * The canonical optimum of the part, proven, or the best selection found with an upper bound when the deadline
     * or a stop comes first (or the LP solver fails). Weights must all be positive and the part at most
     * {@link #MAX_ROWS} rows, else nothing is proven.
     */
    static CpSatSolver.Result solve(Part part, List<Integer> warmStart, long deadlineNanos, CpSatSolver.Stop stop) {
        List<Integer> start = warmStart.stream().sorted().toList();
        boolean positive = Arrays.stream(part.z).allMatch(z -> z.signum() > 0);
        if (!positive || part.rows().size() > MAX_ROWS) {
            return new CpSatSolver.Result(start, false, part.trivialBound().max(part.z(start)), 0);
        }
        LpSearch s = new LpSearch(part, deadlineNanos, stop);
        s.best = start;
        s.bestZ = part.z(start);
        try {
            s.explore();
        } catch (StackOverflowError deepest) {
            s.aborted = true; // a dive deeper than the thread's stack: the other racers settle it
        }
        if (s.aborted) {
            BigInteger bound = s.rootBound != null ? s.rootBound : part.trivialBound();
            return new CpSatSolver.Result(s.best, false, bound.max(s.bestZ), 0);
        }
        return new CpSatSolver.Result(s.best, true, null, 0);
    }

    /** Adds the row "one of {@code others} wins" ({@code -Σ x <= -1}), reusing a retired one; its index. */
    private int cutOff(int[] others) {
        if (retired.isEmpty()) {
            rhs.add(-1L);
            return lp.addRow(others, -1, -1);
        }
        int r = retired.pop();
        lp.setRow(r, others, -1, -1);
        rhs.set(r, -1L);
        return r;
    }

    /** Searches the current node (the fixings and cut-off rows so far); false once aborted. */
    private boolean explore() {
        if (stop.stopped() || System.nanoTime() > deadlineNanos) {
            aborted = true;
            return false;
        }
        PackingLp.Status status = lp.solve(deadlineNanos);
        if (status == PackingLp.Status.INFEASIBLE && infeasible()) {
            return true;
        }
        if (status != PackingLp.Status.OPTIMAL) {
            aborted = true; // no bound to trust: the other racers settle it
            return false;
        }
        if (prunable()) {
            return true;
        }
        double[] v = new double[n];
        int branch = -1;
        double score = 0;
        for (int k = 0; k < n; k++) {
            v[k] = lp.x(k);
            double frac = Math.min(v[k], 1 - v[k]);
            if (fixed[k] < 0 && frac > INTEGRAL && (branch < 0 || frac * w[k] > score)) {
                branch = k;
                score = frac * w[k];
            }
        }
        if (branch >= 0) {
            return branch(branch);
        }
        // An integral LP solution: the node's best when it is feasible; then any other selection here.
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (v[k] > 0.5) {
                found.add(k);
            }
        }
        if (!part.packs(found)) { // integral within the LP's tolerance only
            return branch(found.stream().filter(k -> fixed[k] < 0).findFirst().orElseThrow());
        }
        BigInteger z = part.z(found);
        int cmp = z.compareTo(bestZ);
        if (cmp > 0 || (cmp == 0 && part.before(found, best))) {
            best = found;
            bestZ = z;
        }
        // Its subsets weigh less (every weight is positive): anything else here wins a free bid outside it.
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (fixed[k] < 0 && v[k] <= 0.5 && !blocked(k)) {
                others.add(k);
            }
        }
        if (others.isEmpty()) {
            return true;
        }
        int cut = cutOff(others.stream().mapToInt(Integer::intValue).toArray());
        boolean done = explore();
        lp.setRhs(cut, n + 1); // it holds in this node only: -Σ x >= -n > -(n + 1) never binds
        rhs.set(cut, RETIRED);
        retired.push(cut);
        return done;
    }

    /**
     * Whether no selection in the node can reach the best: decided on the exact bound, computed only when the LP's
     * own value (floating point, so not trusted to prune) does not already show the node is worth searching.
     */
    private boolean prunable() {
        double value = lp.value();
        double target = Math.scalb(bestZ.doubleValue(), -e);
        if (rootBound != null && value > target * (1 + 1e-9) + 1e-300) {
            return false;
        }
        BigInteger bound = bound(0);
        if (rootBound == null) {
            rootBound = bound;
        }
        return bound.compareTo(bestZ) < 0;
    }

    private boolean branch(int k) {
        PackingLp.Basis parent = lp.save();
        for (int value = 1; value >= 0; value--) {
            if (value == 0) {
                lp.restore(parent); // the second child starts from this node's optimum, not the first's last leaf
            }
            fix(k, value);
            boolean ok = explore();
            unfix(k);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void fix(int k, int value) {
        fixed[k] = value;
        lp.setBounds(k, value, value);
        if (value == 1) {
            for (int r : lp.packingRowsOf(k)) {
                wonIn[r]++;
            }
        }
    }

    private void unfix(int k) {
        if (fixed[k] == 1) {
            for (int r : lp.packingRowsOf(k)) {
                wonIn[r]--;
            }
        }
        fixed[k] = -1;
        lp.setBounds(k, 0, 1);
    }

    /** A free bid that cannot win under the fixings: a row of it is full of won bids. */
    private boolean blocked(int k) {
        for (int r : lp.packingRowsOf(k)) {
            if (wonIn[r] >= rhs.get(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the LP's proof of infeasibility holds exactly: the exact bound at prices far along its ray (which only
     * fall as the prices move further) is below the best. Else the search cannot go on from this node.
     */
    private boolean infeasible() {
        double total = 0;
        for (double wk : w) {
            total += wk;
        }
        for (double t = 4 * (total + 1); t < 1e30; t *= 1 << 10) {
            if (bound(t).compareTo(bestZ) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * An upper bound, exact, on every selection in the node, from the LP's dual prices (plus {@code t} times its
     * ray of infeasibility when {@code t > 0}) rounded down to integers: any prices {@code >= 0} give a valid bound,
     * so the LP's rounding errors and ours cannot make it wrong.
     */
    private BigInteger bound(double t) {
        BigInteger[] rc = part.z.clone();
        BigInteger total = BigInteger.ZERO;
        BigDecimal unit = new BigDecimal(BigInteger.ONE.shiftLeft(e)); // a dual price in weight units
        for (int r = 0; r < rhs.size(); r++) {
            if (rhs.get(r) == RETIRED) {
                continue; // a cut-off row of a finished node
            }
            double dual = t > 0 ? lp.dual(r) + t * lp.ray(r) : lp.dual(r);
            if (!(dual > 0) || !Double.isFinite(dual)) {
                continue;
            }
            BigInteger y = new BigDecimal(dual).multiply(unit).toBigInteger(); // rounded down: still >= 0
            if (y.signum() == 0) {
                continue;
            }
            total = total.add(y.multiply(BigInteger.valueOf(rhs.get(r))));
            for (int k : lp.members(r)) {
                rc[k] = r < packingRows ? rc[k].subtract(y) : rc[k].add(y);
            }
        }
        for (int k = 0; k < n; k++) {
            if (fixed[k] == 1) {
                total = total.add(rc[k]);
            } else if (fixed[k] < 0 && rc[k].signum() > 0 && !blocked(k)) {
                total = total.add(rc[k]);
            }
        }
        return total;
    }
}

package io.fairauction.core.wdp;

import java.util.Arrays;
import java.util.List;

/**
 * The LP relaxation {@code max w·x, A x <= b, lo <= x <= hi} of a packing problem (every row's coefficients one
 * sign, +1 or -1; bounds within [0, 1]), for {@link LpSearch}: a bounded dual simplex warm from a previous basis,
 * which stays dual feasible whatever bounds change and whatever rows are added, so a node's LP starts from its
 * parent's optimum ({@link #save}, {@link #restore}). The ratio test flips boxed variables to their other bound
 * while the dual objective still improves (the long-step test of dual simplex codes). The basis inverse is kept
 * dense and explicit, refactored from the structural part of the basis only (slack columns are unit vectors);
 * leaving rows are priced by dual steepest edge, each norm recomputed while its row of the inverse is updated.
 *
 * <p>In Java rather than CLP through OR-Tools' {@code MPSolver}: the branch and bound's LPs are small (100-1,000
 * rows) and re-solved thousands of times, each re-solve through the wrapper 0.4-1.5 ms. On CATS uniform-100-500
 * the search alone took 2.9-9.6 s with CLP and 1.5-3.5 s with this (about 30 pivots a node, 30-40 µs a pivot). Floating point like any simplex: {@link LpSearch} trusts nothing it returns
 * without an exact check (its prices only feed an integer bound valid for any prices {@code >= 0}).
 */
final class PackingLp {
    enum Status { OPTIMAL, INFEASIBLE, LIMIT }

    /** A basic value this far outside its bounds is infeasible. */
    private static final double PRIMAL_TOL = 1e-9;
    /** Reduced costs this far on the wrong side still count as dual feasible (Harris' ratio test). */
    private static final double DUAL_TOL = 1e-12;
    /** Smaller entries of the pivot row are not pivoted on. */
    private static final double PIVOT_TOL = 1e-9;
    /** Updates of the inverse before it is recomputed from the basis. */
    private static final int REFACTOR_EVERY = 200;
    /** Up to this many rows a saved basis keeps a copy of its inverse (m^2 doubles). */
    private static final int SNAPSHOT_ROWS = 256;

    private final int n;
    /** Minimising form: -w for the structurals. */
    private final double[] cost;
    private final double[] lo;
    private final double[] hi;
    private final int staticRows;
    /** Static rows of each structural. */
    private final int[][] colRows;

    private int m;
    private int[][] members;
    private int[] coef;
    private double[] rhs;
    /** Membership of the rows added after the static ones, by {@code row - staticRows}. */
    private boolean[][] added;

    /** Variable of each basis position: a structural {@code k < n} or the slack {@code n + i} of row i. */
    private int[] basic;
    /** Basis position of each variable, -1 when nonbasic. */
    private int[] pos;
    private boolean[] atUpper;
    /** Row p is row p of B^-1 (positions by rows). */
    private double[][] binv;
    /** Squared norms of the rows of the inverse: the dual steepest-edge weights. */
    private double[] beta;
    private double[] xb;
    /** Reduced costs of the variables (minimising form; a slack's is its row's price). */
    private double[] d;
    private double[] alpha;
    /** The ratio test's candidates, and the variables it flips. */
    private int[] cand;
    private double[] ratio;
    private double[] harris;
    private double[] size;
    private int[] flips;
    private int nflips;
    private double[] column;
    private int updates;
    private boolean refactor;
    private double[] ray;
    private double value;
    /** Bumped whenever an added row's coefficients change, so a restored inverse knows which rows to redo. */
    private long[] version;
    private long versions;

    PackingLp(double[] w, List<Part.Row> rows) {
        n = w.length;
        cost = new double[n];
        for (int k = 0; k < n; k++) {
            cost[k] = -w[k];
        }
        lo = new double[n];
        hi = new double[n];
        Arrays.fill(hi, 1);
        staticRows = rows.size();
        int cap = Math.max(4, staticRows + 8);
        members = new int[cap][];
        coef = new int[cap];
        rhs = new double[cap];
        added = new boolean[cap][];
        int[] count = new int[n];
        for (Part.Row r : rows) {
            for (int k : r.members()) {
                count[k]++;
            }
        }
        colRows = new int[n][];
        for (int k = 0; k < n; k++) {
            colRows[k] = new int[count[k]];
            count[k] = 0;
        }
        for (int i = 0; i < staticRows; i++) {
            Part.Row r = rows.get(i);
            members[i] = r.members();
            coef[i] = 1;
            rhs[i] = r.rhs();
            for (int k : r.members()) {
                colRows[k][count[k]++] = i;
            }
        }
        m = staticRows;
        allocate(cap);
        slackBasis();
    }

    /** A basis to come back to: a branch and bound's second child starts from its parent's optimum, not a leaf's. */
    record Basis(int m, int[] basic, boolean[] atUpper, double[][] binv, int updates, long[] version) {
    }

    /** The current basis; its inverse too while that is small enough to copy ({@link #SNAPSHOT_ROWS}). */
    Basis save() {
        double[][] inverse = null;
        if (m <= SNAPSHOT_ROWS && !refactor) {
            inverse = new double[m][];
            for (int p = 0; p < m; p++) {
                inverse[p] = Arrays.copyOf(binv[p], m);
            }
        }
        return new Basis(m, Arrays.copyOf(basic, m), atUpper.clone(), inverse, updates, Arrays.copyOf(version, m));
    }

    /**
     * Returns to a saved basis. Rows added since then get their slacks basic; an added row whose coefficients
     * changed since has its slack's row of the inverse recomputed (or the inverse is, when that slack was nonbasic).
     */
    void restore(Basis b) {
        Arrays.fill(pos, -1);
        System.arraycopy(b.basic, 0, basic, 0, b.m);
        for (int i = b.m; i < m; i++) {
            basic[i] = n + i;
        }
        for (int p = 0; p < m; p++) {
            pos[basic[p]] = p;
        }
        System.arraycopy(b.atUpper, 0, atUpper, 0, n);
        if (b.binv == null) {
            refactor = true;
            return;
        }
        for (int p = 0; p < b.m; p++) {
            System.arraycopy(b.binv[p], 0, binv[p], 0, b.m);
            Arrays.fill(binv[p], b.m, m, 0);
        }
        updates = b.updates;
        refactor = false;
        for (int i = staticRows; i < m; i++) {
            if (i >= b.m || version[i] != b.version[i]) {
                if (pos[n + i] < 0) {
                    refactor = true;
                } else {
                    slackRow(i);
                }
            }
        }
        for (int p = 0; p < m; p++) {
            beta[p] = norm(binv[p]);
        }
    }

    /** The bids of row r. */
    int[] members(int r) {
        return members[r];
    }

    /** The rows given at construction that bid k is in (a row added later is not among them). */
    int[] packingRowsOf(int k) {
        return colRows[k];
    }

    void setBounds(int k, double lower, double upper) {
        lo[k] = lower;
        hi[k] = upper;
    }

    void setRhs(int r, double b) {
        rhs[r] = b;
    }

    /** Appends a row {@code coefficient * Σ_{k in members} x_k <= b}; its index. Its slack enters the basis. */
    int addRow(int[] rowMembers, int coefficient, double b) {
        if (m == coef.length) {
            allocate(2 * m);
        }
        int r = m++;
        pos[n + r] = r;
        basic[r] = n + r;
        for (int p = 0; p < r; p++) {
            binv[p][r] = 0;
        }
        d[n + r] = 0;
        setRow(r, rowMembers, coefficient, b);
        return r;
    }

    /**
     * Replaces the coefficients of an added row. With its slack basic only the slack's row of the inverse changes
     * (the other basic variables do not depend on the row) and the prices not at all; else the next solve refactors.
     */
    void setRow(int r, int[] rowMembers, int coefficient, double b) {
        if (r < staticRows) {
            throw new IllegalArgumentException("static row " + r);
        }
        boolean[] in = added[r - staticRows];
        if (in == null || in.length < n) {
            in = added[r - staticRows] = new boolean[n];
        }
        if (members[r] != null) {
            for (int k : members[r]) {
                in[k] = false;
            }
        }
        for (int k : rowMembers) {
            in[k] = true;
        }
        members[r] = rowMembers;
        coef[r] = coefficient;
        rhs[r] = b;
        version[r] = ++versions;
        if (pos[n + r] < 0) {
            refactor = true;
            return;
        }
        slackRow(r);
        beta[pos[n + r]] = norm(binv[pos[n + r]]);
    }

    /** The row of the inverse of row r's basic slack: {@code e_r - Σ_{basic k} A_rk B^-1_k}. */
    private void slackRow(int r) {
        double[] row = binv[pos[n + r]];
        Arrays.fill(row, 0, m, 0);
        row[r] = 1;
        for (int k : members[r]) {
            int pk = pos[k];
            if (pk >= 0) {
                double[] other = binv[pk];
                for (int i = 0; i < m; i++) {
                    row[i] -= coef[r] * other[i];
                }
            }
        }
    }

    /** The LP's optimum from the current basis, or INFEASIBLE with a ray, or LIMIT past the deadline. */
    Status solve(long deadlineNanos) {
        if (refactor || updates >= REFACTOR_EVERY) {
            factor();
        }
        prices();
        if (!placeNonbasics()) {
            slackBasis(); // a slack priced below zero: drift or a changed row; the slack basis is dual feasible
            prices();
            placeNonbasics();
        }
        primal();
        int limit = 1000 + 20 * (n + m);
        for (int iter = 0; iter < limit; iter++) {
            if ((iter & 31) == 31 && System.nanoTime() > deadlineNanos) {
                return Status.LIMIT;
            }
            int p = leaving();
            if (p < 0) {
                prices();
                value = 0;
                for (int k = 0; k < n; k++) {
                    value -= cost[k] * x(k);
                }
                return Status.OPTIMAL;
            }
            int leave = basic[p];
            double bound = xb[p] < lower(leave) ? lower(leave) : upper(leave);
            double delta = xb[p] - bound;
            double sign = delta > 0 ? 1 : -1;
            double[] rho = binv[p];
            pivotRow(rho);
            int q = entering(sign, Math.abs(delta));
            if (q < 0) {
                prices();
                ray = new double[m];
                for (int i = 0; i < m; i++) {
                    ray[i] = -sign * rho[i]; // y - t*sign*rho stays >= 0 and its bound falls without limit
                }
                return Status.INFEASIBLE;
            }
            pivot(p, q, leave, flip(p, bound, delta));
        }
        refactor = true;
        return Status.LIMIT;
    }

    /** The objective {@code w·x} of the last optimum. */
    double value() {
        return value;
    }

    double x(int k) {
        int p = pos[k];
        if (p >= 0) {
            return xb[p];
        }
        return k < n ? (atUpper[k] ? hi[k] : lo[k]) : 0;
    }

    /** Row r's price ({@code >= 0} up to rounding) in the last optimum, or where the infeasible LP stopped. */
    double dual(int r) {
        return d[n + r]; // a slack's reduced cost -π_r is the row's price in the maximising form
    }

    /** After INFEASIBLE: prices {@code dual + t * ray} for any {@code t >= 0} stay feasible and their bound falls. */
    double ray(int r) {
        return ray[r];
    }

    private double lower(int j) {
        return j < n ? lo[j] : 0;
    }

    private double upper(int j) {
        return j < n ? hi[j] : Double.POSITIVE_INFINITY;
    }

    private void allocate(int cap) {
        int old = members.length;
        if (cap > old) {
            members = Arrays.copyOf(members, cap);
            coef = Arrays.copyOf(coef, cap);
            rhs = Arrays.copyOf(rhs, cap);
            added = Arrays.copyOf(added, cap);
        }
        version = version == null ? new long[cap] : Arrays.copyOf(version, cap);
        basic = basic == null ? new int[cap] : Arrays.copyOf(basic, cap);
        pos = pos == null ? new int[n + cap] : Arrays.copyOf(pos, n + cap);
        atUpper = atUpper == null ? new boolean[n] : atUpper;
        beta = beta == null ? new double[cap] : Arrays.copyOf(beta, cap);
        xb = xb == null ? new double[cap] : Arrays.copyOf(xb, cap);
        d = d == null ? new double[n + cap] : Arrays.copyOf(d, n + cap);
        alpha = new double[n + cap];
        cand = new int[n + cap];
        ratio = new double[n + cap];
        harris = new double[n + cap];
        size = new double[n + cap];
        flips = new int[n + cap];
        column = new double[cap];
        double[][] grown = new double[cap][cap];
        if (binv != null) {
            for (int p = 0; p < binv.length; p++) {
                System.arraycopy(binv[p], 0, grown[p], 0, binv[p].length);
            }
        }
        binv = grown;
    }

    private void slackBasis() {
        for (int k = 0; k < n; k++) {
            pos[k] = -1;
        }
        for (int i = 0; i < m; i++) {
            basic[i] = n + i;
            pos[n + i] = i;
            Arrays.fill(binv[i], 0, m, 0);
            binv[i][i] = 1;
            beta[i] = 1;
        }
        updates = 0;
        refactor = false;
    }

    /**
     * Recomputes the inverse from the basis. With R the rows whose slack is nonbasic and S the basic structurals
     * (|R| = |S|), B^-1 is A[R,S]^-1 on S's positions and, for a basic slack of row i, e_i - A[i,S] A[R,S]^-1.
     */
    private void factor() {
        int[] s = new int[m];
        int[] r = new int[m];
        int ns = 0;
        int nr = 0;
        for (int p = 0; p < m; p++) {
            if (basic[p] < n) {
                s[ns++] = basic[p];
            }
        }
        int[] rowIndex = new int[m];
        Arrays.fill(rowIndex, -1);
        for (int i = 0; i < m; i++) {
            if (pos[n + i] < 0) {
                rowIndex[i] = nr;
                r[nr++] = i;
            }
        }
        if (ns != nr) {
            slackBasis();
            return;
        }
        double[][] a = new double[ns][2 * ns];
        for (int b = 0; b < ns; b++) {
            int k = s[b];
            for (int i : colRows[k]) {
                if (rowIndex[i] >= 0) {
                    a[rowIndex[i]][b] = coef[i];
                }
            }
            for (int i = staticRows; i < m; i++) {
                if (rowIndex[i] >= 0 && added[i - staticRows][k]) {
                    a[rowIndex[i]][b] = coef[i];
                }
            }
        }
        for (int i = 0; i < ns; i++) {
            a[i][ns + i] = 1;
        }
        // Gauss-Jordan with partial pivoting on [A[R,S] | I]: column b of the result is row b of the inverse.
        for (int c = 0; c < ns; c++) {
            int best = c;
            for (int i = c + 1; i < ns; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[best][c])) {
                    best = i;
                }
            }
            if (Math.abs(a[best][c]) < 1e-11) {
                slackBasis(); // singular: start again from the slack basis, always dual feasible
                return;
            }
            double[] t = a[c];
            a[c] = a[best];
            a[best] = t;
            double[] pc = a[c];
            double inv = 1 / pc[c];
            for (int j = c; j < 2 * ns; j++) {
                pc[j] *= inv;
            }
            for (int i = 0; i < ns; i++) {
                double f = a[i][c];
                if (i != c && f != 0) {
                    double[] ai = a[i];
                    for (int j = c; j < 2 * ns; j++) {
                        ai[j] -= f * pc[j];
                    }
                }
            }
        }
        // The solved system is A[R,S] x_S = v_R: x_S[b] = Σ_a inv[b][a] v_R[a], inv = a[.][ns..].
        for (int b = 0; b < ns; b++) {
            double[] row = binv[pos[s[b]]];
            Arrays.fill(row, 0, m, 0);
            for (int c = 0; c < ns; c++) {
                row[r[c]] = a[b][ns + c];
            }
        }
        for (int i = 0; i < m; i++) {
            int ps = pos[n + i];
            if (ps >= 0) {
                Arrays.fill(binv[ps], 0, m, 0);
                binv[ps][i] = 1;
            }
        }
        for (int b = 0; b < ns; b++) {
            int k = s[b];
            double[] rk = binv[pos[k]];
            for (int i : colRows[k]) {
                subtractInto(i, coef[i], rk);
            }
            for (int i = staticRows; i < m; i++) {
                if (added[i - staticRows][k]) {
                    subtractInto(i, coef[i], rk);
                }
            }
        }
        for (int p = 0; p < m; p++) {
            beta[p] = norm(binv[p]);
        }
        updates = 0;
        refactor = false;
    }

    private void subtractInto(int i, int c, double[] structuralRow) {
        int ps = pos[n + i];
        if (ps >= 0) {
            double[] row = binv[ps];
            for (int j = 0; j < m; j++) {
                row[j] -= c * structuralRow[j];
            }
        }
    }

    private double norm(double[] row) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += row[i] * row[i];
        }
        return s;
    }

    /** Prices {@code π = c_B B^-1} and every reduced cost {@code d_j = c_j - π A_j}; {@code d} of a slack is -π. */
    private void prices() {
        double[] pi = new double[m];
        for (int p = 0; p < m; p++) {
            int j = basic[p];
            if (j < n && cost[j] != 0) {
                double c = cost[j];
                double[] row = binv[p];
                for (int i = 0; i < m; i++) {
                    pi[i] += c * row[i];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            d[k] = cost[k];
        }
        for (int i = 0; i < m; i++) {
            d[n + i] = -pi[i];
            double v = pi[i] * coef[i];
            if (v != 0) {
                for (int k : members[i]) {
                    d[k] -= v;
                }
            }
        }
        for (int p = 0; p < m; p++) {
            d[basic[p]] = 0;
        }
    }

    /** Puts every nonbasic structural at the bound its reduced cost asks for; false if a slack is priced below 0. */
    private boolean placeNonbasics() {
        for (int k = 0; k < n; k++) {
            if (pos[k] < 0) {
                if (d[k] > DUAL_TOL) {
                    atUpper[k] = false;
                } else if (d[k] < -DUAL_TOL) {
                    atUpper[k] = true;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            if (pos[n + i] < 0 && d[n + i] < -1e-9) {
                return false;
            }
        }
        return true;
    }

    /** The basic values {@code B^-1 (b - N x_N)}. */
    private void primal() {
        double[] v = new double[m];
        System.arraycopy(rhs, 0, v, 0, m);
        for (int k = 0; k < n; k++) {
            if (pos[k] < 0) {
                double xk = atUpper[k] ? hi[k] : lo[k];
                if (xk != 0) {
                    for (int i : colRows[k]) {
                        v[i] -= coef[i] * xk;
                    }
                    for (int i = staticRows; i < m; i++) {
                        if (added[i - staticRows][k]) {
                            v[i] -= coef[i] * xk;
                        }
                    }
                }
            }
        }
        for (int p = 0; p < m; p++) {
            double[] row = binv[p];
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += row[i] * v[i];
            }
            xb[p] = s;
        }
    }

    /** The basis position to leave: the largest squared infeasibility over its steepest-edge weight, or -1. */
    private int leaving() {
        int best = -1;
        double score = 0;
        for (int p = 0; p < m; p++) {
            int j = basic[p];
            double v = xb[p];
            double infeasible = v < lower(j) - PRIMAL_TOL ? lower(j) - v : v > upper(j) + PRIMAL_TOL ? v - upper(j) : 0;
            if (infeasible > 0) {
                double s = infeasible * infeasible / beta[p];
                if (s > score) {
                    score = s;
                    best = p;
                }
            }
        }
        return best;
    }

    /** {@code alpha_j = ρ A_j} for every variable, from the row ρ of the inverse. */
    private void pivotRow(double[] rho) {
        Arrays.fill(alpha, 0, n, 0);
        for (int i = 0; i < m; i++) {
            double v = rho[i];
            alpha[n + i] = v;
            if (v != 0) {
                v *= coef[i];
                for (int k : members[i]) {
                    alpha[k] += v;
                }
            }
        }
    }

    /**
     * The dual ratio test with bound flipping: breakpoints are passed in groups (Harris' tolerance) while the slope
     * of the dual objective stays positive, their boxed variables flipped to the other bound ({@link #flips}); the
     * entering variable is the group's largest pivot where it would turn. -1 when the dual is unbounded (the LP
     * infeasible).
     */
    private int entering(double sign, double slope) {
        int c = 0;
        for (int j = 0; j < n + m; j++) {
            if (pos[j] < 0 && (j >= n || lo[j] < hi[j])) {
                double a = sign * alpha[j];
                boolean lower = j >= n || !atUpper[j];
                if (lower ? a > PIVOT_TOL : a < -PIVOT_TOL) {
                    cand[c] = j;
                    ratio[c] = d[j] / a;
                    harris[c] = (d[j] + (lower ? DUAL_TOL : -DUAL_TOL)) / a;
                    size[c] = Math.abs(a);
                    c++;
                }
            }
        }
        nflips = 0;
        while (c > 0) {
            double max = Double.POSITIVE_INFINITY;
            for (int i = 0; i < c; i++) {
                max = Math.min(max, harris[i]);
            }
            double drop = 0;
            int q = -1;
            double largest = 0;
            for (int i = 0; i < c; i++) {
                if (ratio[i] <= max) {
                    int j = cand[i];
                    drop += j >= n ? Double.POSITIVE_INFINITY : size[i] * (hi[j] - lo[j]);
                    if (size[i] > largest) {
                        largest = size[i];
                        q = j;
                    }
                }
            }
            if (slope - drop <= PRIMAL_TOL) {
                return q; // (within rounding: past the group the leaving variable would be feasible)
            }
            slope -= drop; // every variable of the group flips and the objective still improves past them
            int kept = 0;
            for (int i = 0; i < c; i++) {
                if (ratio[i] <= max) {
                    flips[nflips++] = cand[i];
                } else {
                    cand[kept] = cand[i];
                    ratio[kept] = ratio[i];
                    harris[kept] = harris[i];
                    size[kept] = size[i];
                    kept++;
                }
            }
            c = kept;
        }
        return -1;
    }

    /** Moves the flipped variables to their other bound: the basic values follow; the leaving one's new excess. */
    private double flip(int p, double bound, double delta) {
        if (nflips == 0) {
            return delta;
        }
        double[] change = new double[m];
        for (int f = 0; f < nflips; f++) {
            int j = flips[f];
            double step = atUpper[j] ? lo[j] - hi[j] : hi[j] - lo[j];
            atUpper[j] = !atUpper[j];
            for (int i : colRows[j]) {
                change[i] += coef[i] * step;
            }
            for (int i = staticRows; i < m; i++) {
                if (added[i - staticRows][j]) {
                    change[i] += coef[i] * step;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            double v = change[i];
            if (v != 0) {
                for (int pp = 0; pp < m; pp++) {
                    xb[pp] -= binv[pp][i] * v;
                }
            }
        }
        return xb[p] - bound;
    }

    private void pivot(int p, int q, int leave, double delta) {
        double theta = d[q] / alpha[q];
        for (int j = 0; j < n + m; j++) {
            if (pos[j] < 0 && alpha[j] != 0) {
                d[j] -= theta * alpha[j];
            }
        }
        d[leave] = -theta;
        d[q] = 0;
        // The entering column B^-1 A_q.
        double[] col = column;
        if (q >= n) {
            int i = q - n;
            for (int pp = 0; pp < m; pp++) {
                col[pp] = binv[pp][i];
            }
        } else {
            Arrays.fill(col, 0, m, 0);
            for (int i : colRows[q]) {
                addColumn(col, i);
            }
            for (int i = staticRows; i < m; i++) {
                if (added[i - staticRows][q]) {
                    addColumn(col, i);
                }
            }
        }
        double piv = col[p];
        if (Math.abs(piv - alpha[q]) > 1e-7 * (1 + Math.abs(piv))) {
            refactor = true; // the inverse has drifted: recompute it before the next solve
        }
        double step = delta / piv;
        double entering = x(q) + step;
        for (int pp = 0; pp < m; pp++) {
            xb[pp] -= step * col[pp];
        }
        if (leave < n) {
            atUpper[leave] = delta > 0; // it leaves at the bound it crossed
        }
        pos[leave] = -1;
        basic[p] = q;
        pos[q] = p;
        xb[p] = entering;
        double[] rp = binv[p];
        double inv = 1 / piv;
        for (int i = 0; i < m; i++) {
            rp[i] *= inv;
        }
        beta[p] = norm(rp);
        for (int pp = 0; pp < m; pp++) {
            double f = col[pp];
            if (pp != p && f != 0) {
                double[] row = binv[pp];
                double s = 0;
                for (int i = 0; i < m; i++) {
                    double v = row[i] - f * rp[i];
                    row[i] = v;
                    s += v * v;
                }
                beta[pp] = s;
            }
        }
        updates++;
    }

    private void addColumn(double[] col, int i) {
        int c = coef[i];
        for (int pp = 0; pp < m; pp++) {
            col[pp] += c * binv[pp][i];
        }
    }
}

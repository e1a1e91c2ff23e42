package io.fairauction.core.wdp;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Winner determination for one part with OR-Tools CP-SAT, exact on objectives of any width, and canonical:
 * the same part gives the same selection whatever the configuration, even when several selections tie.
 *
 * <p>CP-SAT works on 64-bit integers, but scores are native wei and the objective packs a tie value below them,
 * so it is often far wider. CP-SAT therefore maximises {@code C}, the top bits of every weight
 * ({@code c = z >> s}); the dropped low bits {@code r} add at most {@code R} to any selection, so a selection
 * whose top-bit value is {@code C} is worth at most {@code 2^s C + R}. After each optimum the exact weight is
 * computed, the selections seen so far are cut off, and the search goes on among selections that could still
 * match the best, until none can. Distinct selections rarely come that close, so this usually takes one more
 * solve, though not a cheap one: showing that nothing else reaches the best is an optimality proof from scratch
 * (on CATS uniform up to as long as the first solve, see docs/benchmarks.md). Every selection that reaches the
 * optimum is found this way, and the lowest in canonical order is returned, so two configurations racing on
 * two cores agree on the answer (see {@link Portfolio}). Should many near-ties keep the enumeration going, the
 * search switches to pinning the window the optimum's top bits must lie in and maximising the low bits within
 * it, phase by phase ({@link #windowPhases}), with one fixed configuration. Whenever the objective CP-SAT sees is
 * the exact weight (no bits dropped, or the last window phase), ties are settled by {@link #firstAmongOptima}.
 */
final class CpSatSolver {
    /** Solves of the enumeration before switching to window phases. */
    private static final int MAX_ENUMERATION = 8;
    /**
     * The first solve stops once within this relative gap of its bound: it only has to find the optimum, since
     * the solve after it, which proves that nothing else comes close (what the canonical answer needs anyway),
     * proves it optimal too. Proving optimality twice doubled the time on paths-200-1000 (see docs/benchmarks.md).
     * Only when the warm start does not count as the first selection found.
     */
    static final double FIRST_SOLVE_GAP = 0.002;

    private CpSatSolver() {
    }

    /** Loads the OR-Tools natives once per process (from an unpacked cache, see {@link Natives}). */
    static void load() {
        Natives.load();
    }

    /**
     * @param upperBound an upper bound on the part's weight when not proven optimal, else null
     * @param overflow   the enumeration met too many near-ties; {@link #windowPhases} must finish the job
     */
    record Result(List<Integer> chosen, boolean optimal, BigInteger upperBound, int phases, boolean overflow) {
        Result(List<Integer> chosen, boolean optimal, BigInteger upperBound, int phases) {
            this(chosen, optimal, upperBound, phases, false);
        }
    }

    /**
     * Lets another thread stop a running search: the loser of a race. A solve is first told to stop once it is
     * {@link #SETTLE_NANOS} old, then again every {@link #SETTLE_NANOS} until it returns. CP-SAT's {@code stopSearch}
     * creates the solve's shared time limit in the solve's model; done while the solve is still creating its own
     * objects there, it corrupted the native heap or spun forever (CpSatStopTest), and a stop that early can also be
     * lost (CP-SAT's authors advise repeating it until the solve returns). Stopping from the solve's own callbacks is
     * no way out: OR-Tools 9.12's Java bound callback fails JNI's checks.
     */
    static final class Stop {
        private static final long SETTLE_NANOS = 50_000_000;
        private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cp-sat-stop");
            t.setDaemon(true);
            return t;
        });
        private volatile boolean stopped;
        private CpSolver current;
        private long since;

        synchronized void stop() {
            stopped = true;
            stopCurrent();
        }

        private synchronized void stopCurrent() {
            if (current == null) {
                return;
            }
            long wait = since + SETTLE_NANOS - System.nanoTime();
            if (wait <= 0) {
                current.stopSearch();
            }
            LATER.schedule(this::stopCurrent, Math.max(wait, SETTLE_NANOS), TimeUnit.NANOSECONDS);
        }

        /**
         * Whether {@code solver} may start: not once stopped, and then it is not registered, so a scheduled stop only
         * ever meets a solve that runs and ends with {@link #done} (else it would repeat for ever).
         */
        synchronized boolean register(CpSolver solver) {
            if (stopped) {
                return false;
            }
            current = solver;
            since = System.nanoTime();
            return true;
        }

        /** The registered solve has returned: nothing left to stop. */
        synchronized void done() {
            current = null;
        }

        boolean stopped() {
            return stopped;
        }
    }

    static Result solve(Part part, List<Integer> warmStart, long deadlineNanos, CpSatTuning tuning) {
        return solve(part, warmStart, deadlineNanos, tuning, new Stop());
    }

    /** The enumeration; on overflow it returns the best found so far with {@code overflow} set. */
    static Result solve(Part part, List<Integer> warmStart, long deadlineNanos, CpSatTuning tuning, Stop stop) {
        load();
        int n = part.size();
        BigInteger total = BigInteger.ZERO;
        for (BigInteger z : part.z) {
            total = total.add(z);
        }
        int s = Math.max(0, total.bitLength() - tuning.objectiveBits());
        long[] c = new long[n];
        BigInteger[] r = new BigInteger[n];
        for (int k = 0; k < n; k++) {
            c[k] = part.z[k].shiftRight(s).longValueExact();
            r[k] = part.z[k].subtract(BigInteger.valueOf(c[k]).shiftLeft(s));
        }
        BigInteger rest = lowBitsBound(part, r);

        // Bids that cannot reach the warm start are left out; more fall away as better selections turn up.
        LpBound lp = part.lpBound(deadlineNanos);
        warmStart = part.warmStart(lp, warmStart);
        BigInteger floor = part.z(warmStart);
        boolean[] out = new boolean[n];
        for (int k = 0; k < n; k++) {
            out[k] = !lp.canReach(k, floor);
        }
        Model m = new Model(part, out);
        // Objective: the top bits of every weight.
        m.model.maximize(m.sum(c));

        List<Integer> best = null; // the canonical one among the selections that reach bestZ
        BigInteger bestZ = null;
        List<List<Integer>> cuts = new ArrayList<>(); // every selection found, cut off from later solves
        int solves = 0;
        // With bits dropped the enumeration needs a proof solve after the optimum anyway, so the warm start (close to
        // the optimum, see LocalSearch) counts as the first selection found: when it is the optimum that proof is
        // the only solve (paths-200-1000: seed 3 of 1-5; the others need one solve to find it, proven optimal, and
        // the proof; the first solve stopping at a gap, as with s = 0, measured slower on paths).
        boolean warmFirst = s > 0 && !warmStart.isEmpty();
        if (warmFirst) {
            best = warmStart;
            bestZ = floor;
            cuts.add(warmStart);
            if (!m.cutOff(warmStart, out, bestZ, rest, s, c)) {
                return new Result(trimmed(part, best), true, null, solves);
            }
        } else {
            m.hint(warmStart);
        }
        while (true) {
            if (solves == MAX_ENUMERATION) {
                return new Result(best, false, null, solves, true);
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return notProven(part, best, null, solves);
            }
            CpSolver solver = new CpSolver();
            tuning.apply(solver, remaining / 1e9);
            boolean gapStop = solves == 0 && FIRST_SOLVE_GAP > 0 && !warmFirst;
            if (gapStop) {
                solver.getParameters().setRelativeGapLimit(FIRST_SOLVE_GAP);
            }
            if (!stop.register(solver)) {
                return notProven(part, best, null, solves);
            }
            CpSolverStatus status;
            try {
                status = solver.solve(m.model);
            } finally {
                stop.done();
            }
            solves++;
            if (status == CpSolverStatus.MODEL_INVALID) {
                throw new IllegalStateException("CP-SAT rejected the model: " + m.model.validate());
            }
            if (status == CpSolverStatus.INFEASIBLE) {
                // Nothing left that could match the best (the first solve always has the empty selection).
                return new Result(trimmed(part, best), true, null, solves);
            }
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                return notProven(part, best, null, solves);
            }
            List<Integer> found = m.chosen(solver);
            BigInteger z = part.z(found);
            int cmp = bestZ == null ? 1 : z.compareTo(bestZ);
            if (cmp > 0 || (cmp == 0 && part.before(found, best))) {
                best = found;
                bestZ = z;
            }
            // Every selection not cut off yet has top-bit value at most this solve's bound.
            BigInteger topBound = status == CpSolverStatus.OPTIMAL && !gapStop
                    ? BigInteger.valueOf(topValue(c, found)) : ceil(solver.bestObjectiveBound());
            BigInteger ceiling = topBound.shiftLeft(s).add(rest);
            if (status != CpSolverStatus.OPTIMAL) {
                return notProven(part, best, ceiling.max(bestZ), solves);
            }
            if (ceiling.compareTo(bestZ) < 0) {
                return new Result(trimmed(part, best), true, null, solves);
            }
            // What is left to prove, that nothing else reaches the best, is as hard as the first solve and often
            // harder; most bids cannot reach the best now known, so that proof runs on a new model of the rest
            // (paths-200-1000: 40-80% of the bids fall away; fixing them in the old model kept the solve as slow).
            boolean fewer = false;
            for (int k = 0; k < n; k++) {
                if (!out[k] && !lp.canReach(k, bestZ)) {
                    out[k] = true;
                    fewer = true;
                }
            }
            if (fewer) {
                m = new Model(part, out);
                m.model.maximize(m.sum(c));
            }
            if (s == 0 && !gapStop) {
                // The objective is the weight itself: settle exact ties among the optima directly.
                return firstAmongOptima(part, m, m.sum(c), bestZ.longValueExact(), best, deadlineNanos, tuning,
                        stop, solves);
            }
            // Cut off what was found and demand a chance to match the best; a new model gets the earlier cuts again.
            cuts.add(found);
            if (fewer) {
                for (List<Integer> cut : cuts.subList(0, cuts.size() - 1)) {
                    if (!m.cut(cut, out)) {
                        return new Result(trimmed(part, best), true, null, solves);
                    }
                }
            }
            if (!m.cutOff(found, out, bestZ, rest, s, c)) {
                return new Result(trimmed(part, best), true, null, solves);
            }
        }
    }

    /**
     * The canonical selection among those whose exact objective {@code objective} reaches {@code optimum} (the
     * maximum, reached by {@code best}): each solve asks for an optimum canonically before the best so far, until
     * there is none. In the unique-optimum case that is one more solve, cut short by the optimum's bound.
     *
     * <p>"Before" is asked as: the first bid where the two differ is won by the new one. With positive weights
     * that is the canonical order; a zero-weight bid makes them differ only by trailing zero-weight bids, which
     * {@link #trimmed} drops.
     */
    private static Result firstAmongOptima(Part part, Model m, LinearExpr objective, long optimum, List<Integer> best,
                                           long deadlineNanos, CpSatTuning tuning, Stop stop, int solvesSoFar) {
        // The objective stays: its LP bound is what refutes a better-placed optimum quickly (a bare feasibility
        // question took CP-SAT 30 s on paths-200-1000 where this takes under one).
        m.model.maximize(objective);
        m.model.clearHints();
        m.model.addGreaterOrEqual(objective, optimum);
        int solves = solvesSoFar;
        List<Integer> current = best;
        while (true) {
            if (!m.requireBefore(current)) {
                return new Result(trimmed(part, current), true, null, solves);
            }
            long remaining = deadlineNanos - System.nanoTime();
            CpSolver solver = new CpSolver();
            tuning.apply(solver, remaining / 1e9);
            if (remaining <= 0 || !stop.register(solver)) {
                return notProven(part, trimmed(part, current), part.z(current), solves);
            }
            CpSolverStatus status;
            try {
                status = solver.solve(m.model);
            } finally {
                stop.done();
            }
            solves++;
            if (status == CpSolverStatus.INFEASIBLE) {
                return new Result(trimmed(part, current), true, null, solves);
            }
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                // The value is proven, only the choice among equal optima is not.
                return notProven(part, trimmed(part, current), part.z(current), solves);
            }
            current = m.chosen(solver);
        }
    }

    /** A zero-weight bid after every other winner adds nothing, and the selection without it comes first. */
    private static List<Integer> trimmed(Part part, List<Integer> chosen) {
        if (chosen == null) {
            return null;
        }
        int end = chosen.size();
        while (end > 0 && part.z[chosen.get(end - 1)].signum() == 0) {
            end--;
        }
        return end == chosen.size() ? chosen : List.copyOf(chosen.subList(0, end));
    }

    /** Canonical order of selections: by their sorted bid positions, lexicographically. */
    static boolean canonicallyBefore(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return a.get(i) < b.get(i);
            }
        }
        return a.size() < b.size();
    }

    /**
     * An upper bound on the low bits any selection can collect: winners are disjoint, so a winner's low bits,
     * spread evenly over its intents, never exceed the largest such share on each intent.
     */
    private static BigInteger lowBitsBound(Part part, BigInteger[] r) {
        Map<Integer, BigInteger> perIntent = new HashMap<>();
        BigInteger all = BigInteger.ZERO;
        for (int k = 0; k < part.size(); k++) {
            all = all.add(r[k]);
            int[] in = part.bid(k).intentsView();
            BigInteger share = ceilDiv(r[k], BigInteger.valueOf(in.length));
            for (int i : in) {
                perIntent.merge(i, share, BigInteger::max);
            }
        }
        BigInteger spread = perIntent.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        return spread.min(all);
    }

    /** The part's model: one literal per bid still in play and the packing constraints. */
    private static final class Model {
        final CpModel model = new CpModel();
        /** x[k] = 1 iff bid k wins; null for a bid left out (it cannot reach the best known weight). */
        final BoolVar[] x;
        private final Part part;

        Model(Part part) {
            this(part, new boolean[part.size()]);
        }

        /** A model without the bids marked {@code out}. */
        Model(Part part, boolean[] out) {
            this.part = part;
            int n = part.size();
            x = new BoolVar[n];
            for (int k = 0; k < n; k++) {
                if (!out[k]) {
                    x[k] = model.newBoolVar(""); // unnamed: names only cost copying
                }
            }
            // Cliques per intent (and per pair when pair-disjoint), the caps per solver and on all winners.
            for (Part.Row row : part.rows()) {
                List<Integer> members = new ArrayList<>();
                for (int k : row.members()) {
                    members.add(k);
                }
                Literal[] l = literals(members);
                if (l.length <= row.rhs()) {
                    continue;
                }
                if (row.rhs() == 1) {
                    model.addAtMostOne(l);
                } else {
                    model.addLessOrEqual(LinearExpr.sum(l), row.rhs());
                }
            }
        }

        /** The weighted sum of the bids in play. */
        LinearExpr sum(long[] c) {
            List<Integer> live = live();
            long[] coeffs = new long[live.size()];
            for (int j = 0; j < coeffs.length; j++) {
                coeffs[j] = c[live.get(j)];
            }
            return LinearExpr.weightedSum(literals(live), coeffs);
        }

        /** Leaves bid k out from now on. */
        void exclude(int k) {
            if (x[k] != null) {
                model.addEquality(x[k], 0);
            }
        }

        void hint(List<Integer> chosen) {
            boolean[] on = new boolean[x.length];
            chosen.forEach(k -> on[k] = true);
            for (int k : live()) {
                model.addHint(x[k], on[k] ? 1 : 0);
            }
        }

        List<Integer> chosen(CpSolver solver) {
            List<Integer> out = new ArrayList<>();
            for (int k : live()) {
                if (solver.booleanValue(x[k])) {
                    out.add(k);
                }
            }
            return out;
        }

        /**
         * Cuts off a selection found (any other selection wins a bid outside it); false when there is no such bid,
         * so that only its subsets are left and none of them reaches the best.
         */
        boolean cut(List<Integer> chosen, boolean[] out) {
            Literal[] others = outside(chosen, out);
            if (others.length == 0) {
                return false;
            }
            model.addGreaterOrEqual(LinearExpr.sum(others), 1);
            return true;
        }

        /** {@link #cut}, and from now on only selections that could still reach {@code bestZ}. */
        boolean cutOff(List<Integer> chosen, boolean[] out, BigInteger bestZ, BigInteger rest, int s, long[] c) {
            if (!cut(chosen, out)) {
                return false;
            }
            BigInteger need = ceilDiv(bestZ.subtract(rest), BigInteger.ONE.shiftLeft(s));
            model.addGreaterOrEqual(sum(c), need.max(BigInteger.ZERO).longValueExact());
            model.clearHints();
            return true;
        }

        /** The literals of the bids in play outside a selection, except those in {@code out}. */
        Literal[] outside(List<Integer> chosen, boolean[] out) {
            boolean[] in = new boolean[x.length];
            chosen.forEach(k -> in[k] = true);
            List<Integer> rest = new ArrayList<>();
            for (int k : live()) {
                if (!in[k] && !out[k]) {
                    rest.add(k);
                }
            }
            return literals(rest);
        }

        /**
         * Requires a selection that first differs from {@code chosen}, in problem position order and shadows
         * included, by winning something {@code chosen} leaves out; false when nothing is left to win.
         */
        boolean requireBefore(List<Integer> chosen) {
            boolean[] in = new boolean[x.length];
            chosen.forEach(k -> in[k] = true);
            // Everything that can win, in position order: the bids in play and the shadows (individual bids won
            // exactly when no bid covering their intent is).
            List<long[]> order = new ArrayList<>(); // {position, local index or -1 - shadow index}
            for (int k : live()) {
                order.add(new long[] {part.bids[k], k});
            }
            Literal[] shadow = shadowLiterals();
            for (int j = 0; j < shadow.length; j++) {
                order.add(new long[] {part.shadows.get(j).position(), -1 - j});
            }
            order.sort((a, b) -> Long.compare(a[0], b[0]));
            // agree: the selection matches chosen on everything before the current one.
            Literal agree = null;
            List<Literal> firstDifference = new ArrayList<>();
            for (long[] e : order) {
                int k = (int) e[1];
                Literal lit = k >= 0 ? x[k] : shadow[-1 - k];
                boolean won = k >= 0 ? in[k] : Part.wins(part.shadows.get(-1 - k), in);
                if (!won) {
                    BoolVar here = model.newBoolVar("");
                    model.addImplication(here, lit);
                    if (agree != null) {
                        model.addImplication(here, agree);
                    }
                    firstDifference.add(here);
                }
                BoolVar next = model.newBoolVar("");
                if (agree != null) {
                    model.addImplication(next, agree);
                }
                model.addImplication(next, won ? lit : lit.not());
                agree = next;
            }
            if (firstDifference.isEmpty()) {
                return false;
            }
            model.addBoolOr(firstDifference);
            return true;
        }

        private Literal[] shadowLiterals;

        /** One literal per shadow, true iff none of its coverers wins; added only once ties are settled. */
        private Literal[] shadowLiterals() {
            if (shadowLiterals == null) {
                shadowLiterals = new Literal[part.shadows.size()];
                for (int j = 0; j < shadowLiterals.length; j++) {
                    Part.Shadow sh = part.shadows.get(j);
                    BoolVar u = model.newBoolVar("");
                    List<Integer> coverers = new ArrayList<>();
                    for (int c : sh.coverers()) {
                        coverers.add(c);
                    }
                    List<Literal> all = new ArrayList<>(List.of(literals(coverers)));
                    all.add(u);
                    model.addExactlyOne(all.toArray(new Literal[0]));
                    shadowLiterals[j] = u;
                }
            }
            return shadowLiterals;
        }

        private List<Integer> live() {
            List<Integer> live = new ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                if (x[k] != null) {
                    live.add(k);
                }
            }
            return live;
        }

        private Literal[] literals(List<Integer> idx) {
            List<Literal> l = new ArrayList<>();
            for (int k : idx) {
                if (x[k] != null) {
                    l.add(x[k]);
                }
            }
            return l.toArray(new Literal[0]);
        }
    }

    /** One term of a window-phase objective: a variable, its (wide) coefficient and its upper bound (lower is 0). */
    private record Term(IntVar var, BigInteger coeff, long ub) {
    }

    /**
     * The fallback for many near-ties, deterministic for one configuration: phase one fixes the optimum of the
     * top bits; the true
     * optimum's top-bit value lies within {@code R >> s} of it, so each further phase pins that window with one
     * linear constraint and maximises the low bits plus the position in the window, until nothing is dropped.
     */
    static Result windowPhases(Part part, List<Integer> start, long deadlineNanos, CpSatTuning tuning,
                               int solvesSoFar) {
        Model m = new Model(part);
        List<Term> terms = new ArrayList<>();
        for (int k = 0; k < part.size(); k++) {
            terms.add(new Term(m.x[k], part.z[k], 1));
        }
        Map<IntVar, Long> incumbent = new HashMap<>();
        for (int k = 0; k < part.size(); k++) {
            incumbent.put(m.x[k], 0L);
        }
        start.forEach(k -> incumbent.put(m.x[k], 1L));
        BigInteger offset = BigInteger.ZERO; // the objective is offset + sum(coeff * var)
        int solves = solvesSoFar;
        while (true) {
            BigInteger total = BigInteger.ZERO;
            for (Term t : terms) {
                total = total.add(t.coeff.multiply(BigInteger.valueOf(t.ub)));
            }
            int s = Math.max(0, total.bitLength() - tuning.objectiveBits());
            IntVar[] vars = new IntVar[terms.size()];
            long[] coeffs = new long[terms.size()];
            for (int j = 0; j < terms.size(); j++) {
                vars[j] = terms.get(j).var;
                coeffs[j] = terms.get(j).coeff.shiftRight(s).longValueExact();
            }
            m.model.maximize(LinearExpr.weightedSum(vars, coeffs));
            m.model.clearHints();
            incumbent.forEach(m.model::addHint);

            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return notProven(part, chosen(m.x, incumbent), null, solves);
            }
            CpSolver solver = new CpSolver();
            tuning.apply(solver, remaining / 1e9);
            CpSolverStatus status = solver.solve(m.model);
            solves++;
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                return notProven(part, chosen(m.x, incumbent), null, solves);
            }
            for (Map.Entry<IntVar, Long> e : incumbent.entrySet()) {
                e.setValue(solver.value(e.getKey()));
            }
            BigInteger dropped = BigInteger.ZERO; // what the dropped low bits can add at most
            for (Term t : terms) {
                dropped = dropped.add(low(t.coeff, s).multiply(BigInteger.valueOf(t.ub)));
            }
            if (status != CpSolverStatus.OPTIMAL) {
                BigInteger zBound = offset.add(ceil(solver.bestObjectiveBound()).shiftLeft(s)).add(dropped);
                return notProven(part, chosen(m.x, incumbent), zBound, solves);
            }
            long best = 0;
            for (int j = 0; j < vars.length; j++) {
                best = Math.addExact(best, Math.multiplyExact(coeffs[j], incumbent.get(vars[j])));
            }
            if (s == 0) {
                // The pinned windows make this objective the exact weight (less the offset) of every optimum.
                return firstAmongOptima(part, m, LinearExpr.weightedSum(vars, coeffs), best, chosen(m.x, incumbent),
                        deadlineNanos, tuning, new Stop(), solves);
            }
            long window = dropped.shiftRight(s).longValueExact();
            IntVar y = m.model.newIntVar(0, window, "window" + solves);
            m.model.addEquality(LinearExpr.weightedSum(vars, coeffs), LinearExpr.affine(y, 1, best - window));
            incumbent.put(y, window);
            offset = offset.add(BigInteger.valueOf(best - window).shiftLeft(s));
            List<Term> next = new ArrayList<>();
            if (window > 0) { // a window of one value pins y to 0: as a term it would only widen the coefficients
                next.add(new Term(y, BigInteger.ONE.shiftLeft(s), window));
            }
            for (Term t : terms) {
                BigInteger lowBits = low(t.coeff, s);
                if (lowBits.signum() > 0) {
                    next.add(new Term(t.var, lowBits, t.ub));
                }
            }
            terms = next;
        }
    }

    private static long topValue(long[] c, List<Integer> chosen) {
        long v = 0;
        for (int k : chosen) {
            v = Math.addExact(v, c[k]);
        }
        return v;
    }

    private static BigInteger low(BigInteger v, int bits) {
        return v.subtract(v.shiftRight(bits).shiftLeft(bits));
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    private static Result notProven(Part part, List<Integer> chosen, BigInteger zBound, int solves) {
        List<Integer> c = chosen == null ? List.of() : chosen;
        return new Result(c, false, zBound == null ? part.trivialBound().max(part.z(c)) : zBound, solves);
    }

    private static List<Integer> chosen(BoolVar[] x, Map<IntVar, Long> values) {
        List<Integer> chosen = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (values.get(x[k]) == 1L) {
                chosen.add(k);
            }
        }
        return chosen;
    }

    /** A safe integer upper bound from CP-SAT's floating-point bound. */
    private static BigInteger ceil(double bound) {
        return new BigDecimal(bound + Math.ulp(bound)).setScale(0, RoundingMode.CEILING).toBigInteger();
    }
}

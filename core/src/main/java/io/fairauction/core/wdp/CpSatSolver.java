package io.fairauction.core.wdp;

import com.google.ortools.Loader;
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
import java.util.TreeMap;

/**
 * Winner determination for one part with OR-Tools CP-SAT, exact on objectives of any width.
 *
 * <p>CP-SAT works on 64-bit integers, but scores are native wei and the objective packs a tie value below
 * them, so it can be far wider. The objective is maximised in phases: phase one keeps the top bits of every
 * coefficient and solves to optimality; since the dropped low bits can add at most {@code R} in all, the true
 * optimum's top-bit value lies within {@code R >> s} of phase one's, so phase two pins that window with one
 * linear constraint and maximises the low bits plus the position in the window, and so on until nothing is
 * dropped. Each phase is hinted with the previous phase's solution (the first with the greedy packing).
 */
final class CpSatSolver {
    /** Scaled objectives stay below 2^OBJECTIVE_BITS so CP-SAT's overflow checks always pass. */
    private static final int OBJECTIVE_BITS = 60;

    private static volatile boolean loaded;

    /** Loads the OR-Tools natives once per process. */
    static void load() {
        if (!loaded) {
            synchronized (CpSatSolver.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }

    record Result(List<Integer> chosen, boolean optimal, BigInteger scoreUpperBound, int phases) {
    }

    /** One term of the objective: a variable, its (wide) coefficient and its upper bound (lower bound is 0). */
    private record Term(IntVar var, BigInteger coeff, long ub) {
    }

    static Result solve(Part part, List<Integer> warmStart, long deadlineNanos, CpSatTuning tuning) {
        load();
        // Data: local indices of intents, pairs and solvers of this part.
        int n = part.size();
        Map<Integer, List<Integer>> byIntent = new TreeMap<>();
        Map<Integer, List<Integer>> byPair = new TreeMap<>();
        Map<Integer, List<Integer>> bySolver = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            WdpBid b = part.bid(k);
            for (int i : b.intentsView()) {
                byIntent.computeIfAbsent(i, x -> new ArrayList<>()).add(k);
            }
            for (int p : b.pairsView()) {
                byPair.computeIfAbsent(p, x -> new ArrayList<>()).add(k);
            }
            bySolver.computeIfAbsent(b.solver(), x -> new ArrayList<>()).add(k);
        }

        // Model and variables: x[b] = 1 iff bid b wins.
        CpModel model = new CpModel();
        BoolVar[] x = new BoolVar[n];
        for (int k = 0; k < n; k++) {
            x[k] = model.newBoolVar("x[" + part.bid(k).id() + "]");
        }

        // Each intent is sold at most once: one clique per intent.
        for (List<Integer> bids : byIntent.values()) {
            if (bids.size() > 1) {
                model.addAtMostOne(literals(x, bids));
            }
        }
        // Uniform directional clearing price: at most one winner per directed token pair.
        Constraints c = part.constraints();
        if (c.pairDisjoint()) {
            for (List<Integer> bids : byPair.values()) {
                if (bids.size() > 1) {
                    model.addAtMostOne(literals(x, bids));
                }
            }
        }
        // At most k winning bids per solver.
        if (c.maxWinnersPerSolver() > 0) {
            for (List<Integer> bids : bySolver.values()) {
                if (bids.size() > c.maxWinnersPerSolver()) {
                    model.addLessOrEqual(LinearExpr.sum(literals(x, bids)), c.maxWinnersPerSolver());
                }
            }
        }
        // At most N winners in all.
        if (c.maxWinners() > 0 && n > c.maxWinners()) {
            model.addLessOrEqual(LinearExpr.sum(x), c.maxWinners());
        }

        // Objective, in as many phases as its width needs.
        List<Term> terms = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            terms.add(new Term(x[k], part.z[k], 1));
        }
        Map<IntVar, Long> incumbent = new HashMap<>();
        for (int k = 0; k < n; k++) {
            incumbent.put(x[k], 0L);
        }
        for (int k : warmStart) {
            incumbent.put(x[k], 1L);
        }
        BigInteger offset = BigInteger.ZERO; // the objective is offset + sum(coeff * var)
        int phases = 0;
        while (true) {
            BigInteger total = BigInteger.ZERO;
            for (Term t : terms) {
                total = total.add(t.coeff.multiply(BigInteger.valueOf(t.ub)));
            }
            int s = Math.max(0, total.bitLength() - OBJECTIVE_BITS);
            IntVar[] vars = new IntVar[terms.size()];
            long[] coeffs = new long[terms.size()];
            for (int j = 0; j < terms.size(); j++) {
                vars[j] = terms.get(j).var;
                coeffs[j] = terms.get(j).coeff.shiftRight(s).longValueExact();
            }
            model.maximize(LinearExpr.weightedSum(vars, coeffs));
            model.clearHints();
            for (Map.Entry<IntVar, Long> e : incumbent.entrySet()) {
                model.addHint(e.getKey(), e.getValue());
            }

            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return notProven(part, x, incumbent, null, phases);
            }
            CpSolver solver = new CpSolver();
            tuning.apply(solver, remaining / 1e9);
            CpSolverStatus status = solver.solve(model);
            phases++;
            if (status == CpSolverStatus.MODEL_INVALID) {
                throw new IllegalStateException("CP-SAT rejected the model: " + model.validate());
            }
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                // Out of time before any solution: keep the incumbent, no bound better than the trivial one.
                return notProven(part, x, incumbent, null, phases);
            }
            for (Map.Entry<IntVar, Long> e : incumbent.entrySet()) {
                e.setValue(solver.value(e.getKey()));
            }
            BigInteger rest = BigInteger.ZERO; // what the dropped low bits can add at most
            for (Term t : terms) {
                rest = rest.add(low(t.coeff, s).multiply(BigInteger.valueOf(t.ub)));
            }
            if (status != CpSolverStatus.OPTIMAL) {
                BigInteger bound = ceil(solver.bestObjectiveBound());
                BigInteger zBound = offset.add(bound.shiftLeft(s)).add(rest);
                return notProven(part, x, incumbent, zBound, phases);
            }
            if (s == 0) {
                return new Result(chosen(x, incumbent), true, null, phases);
            }
            // Pin the window the optimum's top bits must lie in, then optimise what was dropped.
            long best = 0;
            for (int j = 0; j < vars.length; j++) {
                best = Math.addExact(best, Math.multiplyExact(coeffs[j], incumbent.get(vars[j])));
            }
            long window = rest.shiftRight(s).longValueExact();
            IntVar y = model.newIntVar(0, window, "window" + phases);
            model.addEquality(LinearExpr.weightedSum(vars, coeffs), LinearExpr.affine(y, 1, best - window));
            incumbent.put(y, window);
            offset = offset.add(BigInteger.valueOf(best - window).shiftLeft(s));
            List<Term> next = new ArrayList<>();
            next.add(new Term(y, BigInteger.ONE.shiftLeft(s), window));
            for (Term t : terms) {
                BigInteger r = low(t.coeff, s);
                if (r.signum() > 0) {
                    next.add(new Term(t.var, r, t.ub));
                }
            }
            terms = next;
        }
    }

    private static BigInteger low(BigInteger v, int bits) {
        return v.subtract(v.shiftRight(bits).shiftLeft(bits));
    }

    private static Result notProven(Part part, BoolVar[] x, Map<IntVar, Long> incumbent, BigInteger zBound, int phases) {
        List<Integer> chosen = chosen(x, incumbent);
        BigInteger scoreBound = zBound == null ? part.trivialScoreBound() : zBound.shiftRight(part.shift);
        return new Result(chosen, false, scoreBound, phases);
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

    private static Literal[] literals(BoolVar[] x, List<Integer> idx) {
        Literal[] l = new Literal[idx.size()];
        for (int j = 0; j < l.length; j++) {
            l[j] = x[idx.get(j)];
        }
        return l;
    }

    /** A safe integer upper bound from CP-SAT's floating-point bound. */
    private static BigInteger ceil(double bound) {
        return new BigDecimal(bound + Math.ulp(bound)).setScale(0, RoundingMode.CEILING).toBigInteger();
    }
}

package io.fairauction.core.wdp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dual simplex of the branch and bound, warm through the changes a search makes (bounds fixed and freed, rows
 * added, retired and reused, bases saved and restored), against GLOP solving each LP from scratch, and against its
 * own certificate: primal feasible, prices {@code >= 0} whose dual value equals the objective.
 */
class PackingLpTest {
    private static final double TOL = 1e-7;

    static LongStream seeds() {
        return Seeds.range(200);
    }

    /** The LP as the test knows it, mirrored into both solvers. */
    private static final class Model {
        final int n;
        final double[] w;
        final double[] lo;
        final double[] hi;
        final List<int[]> members = new ArrayList<>();
        final List<Integer> coef = new ArrayList<>();
        final List<Double> rhs = new ArrayList<>();

        Model(double[] w) {
            this.n = w.length;
            this.w = w;
            lo = new double[n];
            hi = new double[n];
            java.util.Arrays.fill(hi, 1);
        }

        /** GLOP's status and objective, from scratch. */
        double[] glop() {
            CpSatSolver.load();
            MPSolver s = MPSolver.createSolver("GLOP");
            try {
                MPVariable[] x = new MPVariable[n];
                MPObjective o = s.objective();
                for (int k = 0; k < n; k++) {
                    x[k] = s.makeNumVar(lo[k], hi[k], "x" + k);
                    o.setCoefficient(x[k], w[k]);
                }
                o.setMaximization();
                for (int r = 0; r < members.size(); r++) {
                    MPConstraint c = s.makeConstraint(Double.NEGATIVE_INFINITY, rhs.get(r));
                    for (int k : members.get(r)) {
                        c.setCoefficient(x[k], coef.get(r));
                    }
                }
                MPSolver.ResultStatus status = s.solve();
                return new double[] {status == MPSolver.ResultStatus.OPTIMAL ? 1 : 0, status ==
                        MPSolver.ResultStatus.OPTIMAL ? o.value() : Double.NaN};
            } finally {
                s.delete();
            }
        }
    }

    private static int[] subset(SplittableRandom rnd, int n, int size) {
        return rnd.ints(0, n).distinct().limit(Math.min(n, size)).sorted().toArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void warmSolvesMatchGlopFromScratchAndCarryTheirOwnCertificate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3 + rnd.nextInt(40);
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            // Some weights tie exactly: degenerate duals are the hard case for a simplex.
            w[k] = rnd.nextInt(4) == 0 ? 0.5 : 0.01 + rnd.nextDouble();
        }
        Model model = new Model(w);
        List<Part.Row> rows = new ArrayList<>();
        int m = 1 + rnd.nextInt(20);
        for (int r = 0; r < m; r++) {
            int[] mem = subset(rnd, n, 2 + rnd.nextInt(6));
            int b = 1 + (rnd.nextInt(5) == 0 ? 1 : 0);
            rows.add(new Part.Row(mem, b));
            model.members.add(mem);
            model.coef.add(1);
            model.rhs.add((double) b);
        }
        PackingLp lp = new PackingLp(w, rows);
        List<PackingLp.Basis> saved = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            int op = rnd.nextInt(10);
            if (op < 4) {
                int k = rnd.nextInt(n);
                int v = rnd.nextInt(3); // fix to 0, to 1, or free
                model.lo[k] = v == 2 ? 0 : v;
                model.hi[k] = v == 2 ? 1 : v;
                lp.setBounds(k, model.lo[k], model.hi[k]);
            } else if (op < 6) {
                int[] mem = subset(rnd, n, 1 + rnd.nextInt(n));
                int r = lp.addRow(mem, -1, -1);
                assertThat(r).isEqualTo(model.members.size());
                model.members.add(mem);
                model.coef.add(-1);
                model.rhs.add(-1.0);
            } else if (op == 6 && model.members.size() > m) {
                int r = m + rnd.nextInt(model.members.size() - m);
                lp.setRhs(r, n + 1);
                model.rhs.set(r, (double) (n + 1));
            } else if (op == 7 && model.members.size() > m) {
                int r = m + rnd.nextInt(model.members.size() - m);
                int[] mem = subset(rnd, n, 1 + rnd.nextInt(n));
                lp.setRow(r, mem, -1, -1);
                model.members.set(r, mem);
                model.rhs.set(r, -1.0);
            } else if (op == 8) {
                saved.add(lp.save());
            } else if (!saved.isEmpty()) {
                lp.restore(saved.get(rnd.nextInt(saved.size())));
            }
            PackingLp.Status status = lp.solve(Long.MAX_VALUE);
            double[] expected = model.glop();
            String at = "seed " + seed + " step " + step + " op " + op;

            assertThat(status).as(at).isEqualTo(expected[0] == 1 ? PackingLp.Status.OPTIMAL
                    : PackingLp.Status.INFEASIBLE);
            if (status == PackingLp.Status.OPTIMAL) {
                assertThat(lp.value()).as(at).isCloseTo(expected[1], within(TOL));
                assertCertificate(model, lp, at);
            } else {
                assertRay(model, lp, at);
            }
        }
    }

    /** Primal feasible, and prices {@code >= 0} whose (bounded) dual value is the objective: optimal by duality. */
    private static void assertCertificate(Model model, PackingLp lp, String at) {
        double value = 0;
        for (int k = 0; k < model.n; k++) {
            assertThat(lp.x(k)).as(at).isBetween(model.lo[k] - TOL, model.hi[k] + TOL);
            value += model.w[k] * lp.x(k);
        }
        assertThat(value).as(at).isCloseTo(lp.value(), within(TOL));
        for (int r = 0; r < model.members.size(); r++) {
            double lhs = 0;
            for (int k : model.members.get(r)) {
                lhs += model.coef.get(r) * lp.x(k);
            }
            assertThat(lhs).as(at + " row " + r).isLessThanOrEqualTo(model.rhs.get(r) + TOL);
            assertThat(lp.dual(r)).as(at + " price " + r).isGreaterThanOrEqualTo(-TOL);
        }
        double dual = dualValue(model, model.w, lp::dual);
        assertThat(dual).as(at + " dual value").isCloseTo(value, within(TOL));
    }

    /** An infeasible LP's ray: along it the prices stay {@code >= 0} and the dual value falls. */
    private static void assertRay(Model model, PackingLp lp, String at) {
        for (int r = 0; r < model.members.size(); r++) {
            if (lp.dual(r) < TOL) {
                assertThat(lp.ray(r)).as(at + " ray " + r).isGreaterThanOrEqualTo(-TOL);
            }
        }
        // With costs 0, the dual value of the ray itself is the rate at which the dual value falls along it.
        double slope = dualValue(model, new double[model.n], lp::ray);
        assertThat(slope).as(at + " dual value along the ray").isLessThan(-TOL);
    }

    /**
     * The bounded dual value of prices y: {@code Σ y_r b_r + Σ_k max over x_k in [lo, hi] of rc_k x_k}, with
     * {@code rc = cost - y A}.
     */
    private static double dualValue(Model model, double[] cost, IntToDoubleFunction y) {
        double[] rc = cost.clone();
        double value = 0;
        for (int r = 0; r < model.members.size(); r++) {
            value += y.applyAsDouble(r) * model.rhs.get(r);
            for (int k : model.members.get(r)) {
                rc[k] -= y.applyAsDouble(r) * model.coef.get(r);
            }
        }
        for (int k = 0; k < model.n; k++) {
            value += Math.max(rc[k] * model.lo[k], rc[k] * model.hi[k]);
        }
        return value;
    }
}

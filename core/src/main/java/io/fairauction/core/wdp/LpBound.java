package io.fairauction.core.wdp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Reduced-cost fixing from the LP relaxation, the classic MIP presolve step: a bid whose best possible selection
 * cannot reach a known selection's weight can be left out of the search.
 *
 * <p>For any prices {@code y >= 0} on the packing rows, a selection S is worth at most
 * {@code Σ y_r b_r + Σ_{k∈S} rc_k} with {@code rc_k = z_k - Σ_{r∋k} y_r}, so a selection containing bid k is worth
 * at most {@code U_k = Σ y_r b_r + Σ_{j≠k} max(0, rc_j) + rc_k}. That holds for every {@code y >= 0}; the LP's
 * dual prices (GLOP, in floating point) only make it tight. The bound itself is computed exactly, with each
 * price taken as the exact value of its double, so a rounding error can weaken a fixing but never make it wrong.
 * On market auctions the relaxation is nearly integral and most bids fall away: the proof that nothing else
 * reaches the optimum, the expensive part of an exact and canonical answer, then runs on what is left.
 */
final class LpBound {
    private final BigDecimal[] reducedCost;
    /** {@code Σ y_r b_r + Σ_j max(0, rc_j)}: a bound on every selection. */
    private final BigDecimal total;

    /** The LP's optimal solution, one value in [0, 1] per bid; all 0 when the LP did not solve. */
    private final double[] primal;

    private LpBound(BigDecimal[] reducedCost, BigDecimal total, double[] primal) {
        this.reducedCost = reducedCost;
        this.total = total;
        this.primal = primal;
    }

    /** The bound from GLOP's dual prices, or the trivial one (all prices 0) should the LP not solve. */
    static LpBound of(Part part, long deadlineNanos) {
        CpSatSolver.load();
        int n = part.size();
        List<Part.Row> rows = part.rows();
        BigDecimal[] prices = new BigDecimal[rows.size()];
        Arrays.fill(prices, BigDecimal.ZERO);
        int e = part.weightBits();
        double[] primal = new double[n];
        MPSolver lp = MPSolver.createSolver("GLOP");
        if (lp != null && e > 0) {
            try {
                MPVariable[] x = new MPVariable[n];
                MPObjective objective = lp.objective();
                for (int k = 0; k < n; k++) {
                    x[k] = lp.makeNumVar(0, 1, "x" + k);
                    objective.setCoefficient(x[k], part.scaledWeight(k, e));
                }
                objective.setMaximization();
                MPConstraint[] cons = new MPConstraint[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    cons[r] = lp.makeConstraint(Double.NEGATIVE_INFINITY, rows.get(r).rhs());
                    for (int k : rows.get(r).members()) {
                        cons[r].setCoefficient(x[k], 1);
                    }
                }
                lp.setTimeLimit(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
                if (lp.solve() == MPSolver.ResultStatus.OPTIMAL) {
                    BigDecimal unit = new BigDecimal(BigInteger.ONE.shiftLeft(e));
                    for (int r = 0; r < rows.size(); r++) {
                        double y = cons[r].dualValue();
                        if (y > 0 && Double.isFinite(y)) {
                            prices[r] = new BigDecimal(y).multiply(unit); // the double's exact value, scaled back
                        }
                    }
                    for (int k = 0; k < n; k++) {
                        primal[k] = x[k].solutionValue();
                    }
                }
            } finally {
                lp.delete();
            }
        }
        return fromPrices(part, rows, prices, primal);
    }

    /** The bound with every price 0: {@code Σ max(0, z)}, which leaves out only bids of negative weight. */
    static LpBound trivial(Part part) {
        List<Part.Row> rows = part.rows();
        BigDecimal[] zero = new BigDecimal[rows.size()];
        Arrays.fill(zero, BigDecimal.ZERO);
        return fromPrices(part, rows, zero, new double[part.size()]);
    }

    private static LpBound fromPrices(Part part, List<Part.Row> rows, BigDecimal[] prices, double[] primal) {
        int n = part.size();
        BigDecimal[] rc = new BigDecimal[n];
        for (int k = 0; k < n; k++) {
            rc[k] = new BigDecimal(part.z[k]);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int r = 0; r < rows.size(); r++) {
            BigDecimal y = prices[r];
            if (y.signum() == 0) {
                continue;
            }
            total = total.add(y.multiply(BigDecimal.valueOf(rows.get(r).rhs())));
            for (int k : rows.get(r).members()) {
                rc[k] = rc[k].subtract(y);
            }
        }
        for (BigDecimal c : rc) {
            total = total.add(c.max(BigDecimal.ZERO));
        }
        return new LpBound(rc, total, primal);
    }

    /** Bid k's value in the LP's optimal solution (a heuristic guide only: it is a double). */
    double primal(int k) {
        return primal[k];
    }

    /** Whether some selection containing bid {@code k} might be worth {@code z} or more. */
    boolean canReach(int k, BigInteger z) {
        BigDecimal best = total.subtract(reducedCost[k].max(BigDecimal.ZERO)).add(reducedCost[k]);
        return best.compareTo(new BigDecimal(z)) >= 0;
    }
}

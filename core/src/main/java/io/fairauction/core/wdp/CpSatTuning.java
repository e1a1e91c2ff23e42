package io.fairauction.core.wdp;

import com.google.ortools.sat.CpSolver;

import java.util.List;

/**
 * One CP-SAT configuration, run single-threaded: the portfolio ({@link Portfolio}) races configurations on
 * separate cores instead of using CP-SAT's own multi-worker mode, which measured slower on winner determination
 * and is not deterministic (its deterministic interleaved mode is slower still; see docs/benchmarks.md).
 *
 * @param linearization  CP-SAT's linearization level: 2 adds the LP relaxation with cuts, 1 a lighter LP
 * @param presolve       whether CP-SAT presolves the model (costly on small models, sometimes decisive on big ones)
 * @param leanLp         the whole LP up front and no cut rounds: the clique constraints already make the LP tight,
 *                       so on market auctions cutting costs more time than it saves
 * @param objectiveBits  width of each objective phase (see {@link CpSatSolver})
 */
public record CpSatTuning(int linearization, boolean presolve, boolean leanLp, int objectiveBits) {

    /** The full LP, lean, no presolve: the fastest alone on market auctions (see docs/benchmarks.md). */
    public static final CpSatTuning LP = new CpSatTuning(2, false, true, 52);
    /** A lighter LP after presolve: the one that wins where {@link #LP} is slow, e.g. CATS arbitrary. */
    public static final CpSatTuning LIGHT_LP = new CpSatTuning(1, true, false, 52);
    /**
     * Raced in this order; the first runs alone for a while, and is the fallback for many near-ties. By default
     * {@link LpSearch} takes the second worker, so the second configuration races only with three or more.
     */
    public static final List<CpSatTuning> PORTFOLIO = List.of(LP, LIGHT_LP);

    /** The widest objective phase CP-SAT's floating-point LP is trusted with. */
    public static final int MAX_OBJECTIVE_BITS = 53;

    public CpSatTuning {
        // CP-SAT's LP works in doubles: past 2^53 a coefficient or sum is rounded, and at 60 bits it proved wrong
        // optima (MatchingTest's graphs weighted z*2^n + 2^(n-1-k)); up to 53 bits every one is exact.
        if (objectiveBits < 8 || objectiveBits > MAX_OBJECTIVE_BITS) {
            throw new IllegalArgumentException("objective phases are 8 to " + MAX_OBJECTIVE_BITS + " bits wide");
        }
    }

    void apply(CpSolver solver, double seconds) {
        var p = solver.getParameters();
        p.setMaxTimeInSeconds(Math.max(0.001, seconds));
        p.setNumWorkers(1);
        p.setRandomSeed(0);
        p.setLinearizationLevel(linearization);
        p.setCpModelPresolve(presolve);
        if (leanLp) {
            p.setAddLpConstraintsLazily(false);
            p.setCutLevel(0);
        }
        p.setLogSearchProgress(false);
    }
}

package io.fairauction.core.wdp;

import com.google.ortools.sat.CpSolver;

import java.util.List;

/**
 * One CP-SAT configuration, run single-threaded: the portfolio ({@link Portfolio}) races configurations on
 * separate cores instead of using CP-SAT's own multi-worker mode, which measured slower on winner determination
 * and is not deterministic (its deterministic interleaved mode is slower still; see docs/benchmarks.md).
 *
 * @param linearization  CP-SAT's linearization level: 2 adds the LP relaxation with cuts, 1 a lighter LP
 * @param objectiveBits  width of each objective phase (see {@link CpSatSolver})
 */
public record CpSatTuning(int linearization, int objectiveBits) {

    /** The LP with cuts: strongest bounds, best on dense market auctions. */
    public static final CpSatTuning LP = new CpSatTuning(2, 60);
    /** A lighter LP: faster where bounds matter less, often on CATS-style auctions. */
    public static final CpSatTuning LIGHT_LP = new CpSatTuning(1, 60);
    /** Raced in this order; the first is also the fallback when the enumeration meets many near-ties. */
    public static final List<CpSatTuning> PORTFOLIO = List.of(LP, LIGHT_LP);

    public CpSatTuning {
        if (objectiveBits < 8 || objectiveBits > 60) {
            throw new IllegalArgumentException("objective phases are 8 to 60 bits wide");
        }
    }

    void apply(CpSolver solver, double seconds) {
        var p = solver.getParameters();
        p.setMaxTimeInSeconds(Math.max(0.001, seconds));
        p.setNumWorkers(1);
        p.setRandomSeed(0);
        p.setLinearizationLevel(linearization);
        p.setLogSearchProgress(false);
    }
}

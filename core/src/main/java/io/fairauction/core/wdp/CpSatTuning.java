package io.fairauction.core.wdp;

import com.google.ortools.sat.CpSolver;

/**
 * CP-SAT parameters. Deterministic by default: CP-SAT's interleaved search gives the same answer on every run
 * whatever the number of workers, so a tie that survives the tie keys is still settled the same way each time.
 *
 * @param workers          worker threads
 * @param deterministic    interleave the workers deterministically
 * @param linearization    CP-SAT's linearization level (2 adds the LP relaxation with cuts to every worker)
 */
public record CpSatTuning(int workers, boolean deterministic, int linearization) {

    public static CpSatTuning defaults(int workers) {
        return new CpSatTuning(workers, true, 2);
    }

    void apply(CpSolver solver, double seconds) {
        var p = solver.getParameters();
        p.setMaxTimeInSeconds(Math.max(0.001, seconds));
        p.setNumWorkers(workers);
        p.setRandomSeed(0);
        p.setLinearizationLevel(linearization);
        p.setLogSearchProgress(false);
        if (deterministic && workers > 1) {
            p.setInterleaveSearch(true);
        }
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Races CP-SAT configurations on separate cores and keeps the first proven answer. CP-SAT's running times on
 * winner determination are heavy-tailed and which configuration is fast varies from auction to auction (an
 * LP-heavy one can take 0.4 s where a lighter one takes a minute, and the other way round), so racing two
 * single-worker configurations is both faster on the median and far more robust than either alone, or than
 * CP-SAT's own two-worker mode. Every configuration returns the canonical optimum (see {@link CpSatSolver}),
 * so which one wins the race does not change the result.
 */
final class Portfolio {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cp-sat-portfolio");
        t.setDaemon(true);
        return t;
    });

    private Portfolio() {
    }

    static CpSatSolver.Result solve(Part part, List<Integer> warmStart, long deadline, List<CpSatTuning> configs) {
        CpSatTuning primary = configs.get(0);
        if (configs.size() == 1) {
            return finish(part, CpSatSolver.solve(part, warmStart, deadline, primary), deadline, primary);
        }
        CompletionService<CpSatSolver.Result> race = new ExecutorCompletionService<>(THREADS);
        List<CpSatSolver.Stop> stops = new ArrayList<>();
        for (CpSatTuning config : configs) {
            CpSatSolver.Stop stop = new CpSatSolver.Stop();
            stops.add(stop);
            race.submit(() -> CpSatSolver.solve(part, warmStart, deadline, config, stop));
        }
        CpSatSolver.Result best = null;
        try {
            for (int done = 0; done < configs.size(); done++) {
                CpSatSolver.Result r = race.take().get();
                if (r.optimal() || r.overflow()) {
                    stops.forEach(CpSatSolver.Stop::stop);
                    return finish(part, r, deadline, primary);
                }
                best = best == null ? r : merge(part, best, r);
            }
        } catch (InterruptedException e) {
            stops.forEach(CpSatSolver.Stop::stop);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving", e);
        } catch (ExecutionException e) {
            stops.forEach(CpSatSolver.Stop::stop);
            throw new IllegalStateException("winner determination failed", e.getCause());
        }
        return best;
    }

    /** Too many near-ties for the enumeration: window phases with one fixed configuration keep it deterministic. */
    private static CpSatSolver.Result finish(Part part, CpSatSolver.Result r, long deadline, CpSatTuning primary) {
        return r.overflow() ? CpSatSolver.windowPhases(part, r.chosen(), deadline, primary, r.phases()) : r;
    }

    /** Two unproven results: the better selection (canonical on a tie) and the tighter bound. */
    private static CpSatSolver.Result merge(Part part, CpSatSolver.Result a, CpSatSolver.Result b) {
        BigInteger za = part.z(a.chosen());
        BigInteger zb = part.z(b.chosen());
        int cmp = za.compareTo(zb);
        List<Integer> chosen = cmp > 0 || (cmp == 0 && !CpSatSolver.canonicallyBefore(b.chosen(), a.chosen()))
                ? a.chosen() : b.chosen();
        BigInteger bound = a.upperBound().min(b.upperBound()).max(za.max(zb));
        return new CpSatSolver.Result(chosen, false, bound, a.phases() + b.phases());
    }
}

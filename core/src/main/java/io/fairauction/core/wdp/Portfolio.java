package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Races CP-SAT configurations and the LP-based branch and bound ({@link LpSearch}) on separate cores and keeps the
 * first proven answer. Running times on winner determination are heavy-tailed and which search is fast varies from
 * auction to auction (one can take 0.4 s where another takes a minute, and the other way round), so racing
 * single-threaded searches is far more robust than any alone, or than CP-SAT's own two-worker mode. CP-SAT's lean LP
 * configuration is fastest on market auctions; the branch and bound, like CBC, proves the hard CATS families
 * (uniform, arbitrary) where CP-SAT's proofs are slow. Two searches on two cores slow each
 * other down by about half, though, so the others join only when the first has not finished within
 * {@link #JOIN_AFTER}: auctions solved within a second run alone at full speed, hard ones get the race. Every
 * racer returns the canonical optimum (see {@link CpSatSolver}, {@link LpSearch}), so which one wins does not change
 * the result.
 */
final class Portfolio {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        // LpSearch recurses once per fixed bid: a stack for parts of thousands of bids.
        Thread t = new Thread(null, r, "cp-sat-portfolio", 64L << 20);
        t.setDaemon(true);
        return t;
    });

    /**
     * How long the first configuration runs alone before the others join. At 100 ms the race slowed the auctions that
     * take a fraction of a second: medians 1,313 → 687 ms on market-1000 and 751 → 562 ms on paths-200-1000 at one
     * second, while on CATS arbitrary and uniform (2-37 s) every seed stayed within noise (docs/benchmarks.md).
     */
    static final Duration JOIN_AFTER = Duration.ofSeconds(1);

    private Portfolio() {
    }

    /**
     * @param configs   CP-SAT configurations, the first the primary
     * @param lpSearch  whether {@link LpSearch} joins the race with the other configurations
     */
    static CpSatSolver.Result solve(Part part, List<Integer> warmStart, long deadline, List<CpSatTuning> configs,
                                    boolean lpSearch) {
        return solve(part, warmStart, deadline, configs, JOIN_AFTER, lpSearch);
    }

    /** {@link #solve(Part, List, long, List, boolean)} with the others joining after {@code joinAfter}. */
    static CpSatSolver.Result solve(Part part, List<Integer> warmStart, long deadline, List<CpSatTuning> configs,
                                    Duration joinAfter, boolean lpSearch) {
        CpSatTuning primary = configs.get(0);
        int racers = configs.size() + (lpSearch ? 1 : 0);
        if (racers == 1) {
            return finish(part, CpSatSolver.solve(part, warmStart, deadline, primary), deadline, primary);
        }
        CompletionService<CpSatSolver.Result> race = new ExecutorCompletionService<>(THREADS);
        List<CpSatSolver.Stop> stops = new ArrayList<>();
        CpSatSolver.Result best = null;
        try {
            start(race, stops, stop -> CpSatSolver.solve(part, warmStart, deadline, primary, stop));
            Future<CpSatSolver.Result> first = race.poll(joinAfter.toNanos(), TimeUnit.NANOSECONDS);
            if (first != null && (first.get().optimal() || first.get().overflow())) {
                return finish(part, first.get(), deadline, primary);
            }
            for (CpSatTuning config : configs.subList(1, configs.size())) {
                start(race, stops, stop -> CpSatSolver.solve(part, warmStart, deadline, config, stop));
            }
            if (lpSearch) {
                // The same warm start as CP-SAT's (computed once per part): the better the start, the more it prunes.
                start(race, stops, stop -> LpSearch.solve(part, part.warmStart(part.lpBound(deadline), warmStart),
                        deadline, stop));
            }
            for (int done = 0; done < racers; done++) {
                CpSatSolver.Result r = done == 0 && first != null ? first.get() : race.take().get();
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

    /** Starts one racer, with a stop of its own for when another wins. */
    private static void start(CompletionService<CpSatSolver.Result> race, List<CpSatSolver.Stop> stops,
                              Function<CpSatSolver.Stop, CpSatSolver.Result> search) {
        CpSatSolver.Stop stop = new CpSatSolver.Stop();
        stops.add(stop);
        race.submit(() -> search.apply(stop));
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
        List<Integer> chosen = cmp > 0 || (cmp == 0 && !part.before(b.chosen(), a.chosen()))
                ? a.chosen() : b.chosen();
        BigInteger bound = a.upperBound().min(b.upperBound()).max(za.max(zb));
        return new CpSatSolver.Result(chosen, false, bound, a.phases() + b.phases());
    }
}

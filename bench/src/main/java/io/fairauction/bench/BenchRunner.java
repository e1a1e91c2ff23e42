package io.fairauction.bench;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.lp.LpFormat;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.mechanism.SelectionProblem;
import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs scenarios: for each seed, generates the auction (not timed), runs the mechanism (screening, filter and
 * exact winner determination: what an auctioneer does per auction) and, where asked, CBC on the same
 * winner-determination problem exported as an LP file, with the same time limit. An instance that takes under
 * two seconds is timed three times (ours and CBC's alike) and its median kept.
 */
public final class BenchRunner {

    /**
     * @param seeds     instances per scenario (seeds 1..seeds)
     * @param timeLimit per instance, for us and for CBC
     * @param cbc       whether to run CBC where a scenario asks for it (if it is installed)
     */
    public record Config(List<Scenario> scenarios, int seeds, Duration timeLimit, int workers, boolean cbc) {
        public Config {
            scenarios = List.copyOf(scenarios);
            if (seeds < 1) {
                throw new IllegalArgumentException("at least one seed");
            }
        }
    }

    /** One instance: our run and, if any, CBC's. */
    public record Measurement(Scenario scenario, long seed, long millis, boolean optimal, BigInteger totalScore,
                              BigInteger gap, long peakKb, Cbc.Run cbc) {

        /** Whether CBC and we, both proven optimal, disagree on the optimum. */
        public boolean disagrees() {
            if (cbc == null || !optimal || !cbc.optimal() || cbc.objective() == null) {
                return false;
            }
            // CBC reports a double: allow its rounding (1e-12 relative), at least one unit.
            BigDecimal tolerance = new BigDecimal(totalScore).abs().movePointLeft(12).max(BigDecimal.ONE);
            return cbc.objective().subtract(new BigDecimal(totalScore)).abs().compareTo(tolerance) >= 0;
        }
    }

    private BenchRunner() {
    }

    public static List<Measurement> run(Config config, PrintStream progress) throws IOException, InterruptedException {
        Optional<Path> cbc = config.cbc() ? Cbc.find() : Optional.empty();
        if (config.cbc() && cbc.isEmpty()) {
            progress.println("cbc not found on PATH (apt-get install coinor-cbc): CBC columns left empty");
        }
        MechanismOptions options = MechanismOptions.DEFAULT.withTimeLimit(config.timeLimit()).withWorkers(config.workers());
        List<Measurement> out = new ArrayList<>();
        Path dir = Files.createTempDirectory("fair-auction-bench");
        try {
            for (Scenario s : config.scenarios()) {
                Mechanism mechanism = Mechanisms.byName(s.mechanism()).orElseThrow();
                warmUp(s, mechanism, options);
                for (long seed = 1; seed <= config.seeds(); seed++) {
                    Competition c = AuctionGenerator.generate(s.spec(seed));
                    boolean rss = PeakMemory.resetSelf();
                    List<Long> times = new ArrayList<>();
                    AuctionResult r = null;
                    do {
                        long t0 = System.nanoTime();
                        r = mechanism.run(c, options);
                        times.add((System.nanoTime() - t0) / 1_000_000);
                    } while (times.size() < REPEATS && times.get(0) < REPEAT_BELOW.toMillis());
                    long millis = median(times);
                    long peakKb = rss ? PeakMemory.self() : 0;
                    Cbc.Run cbcRun = null;
                    if (s.cbc() && cbc.isPresent()) {
                        Path lp = dir.resolve(s.name() + "-" + seed + ".lp");
                        SelectionProblem selection = mechanism.selectionProblem(c, options);
                        Files.writeString(lp, LpFormat.write(selection));
                        int scale = LpFormat.objectiveScale(selection.problem());
                        List<Cbc.Run> runs = new ArrayList<>();
                        do {
                            runs.add(Cbc.solve(cbc.get(), lp, config.timeLimit()));
                        } while (runs.size() < REPEATS && runs.get(0).millis() < REPEAT_BELOW.toMillis());
                        runs.sort(java.util.Comparator.comparingLong(Cbc.Run::millis));
                        cbcRun = runs.get((runs.size() - 1) / 2).inWei(scale);
                        Files.delete(lp);
                    }
                    Measurement m = new Measurement(s, seed, millis, r.optimal(), r.totalScore(), r.gap(), peakKb, cbcRun);
                    out.add(m);
                    progress.printf("%-22s seed %-3d %8d ms%s%s%n", s.name(), seed, millis, r.optimal() ? "" : " (not proven)",
                            cbcRun == null ? "" : String.format("   cbc %8d ms%s", cbcRun.millis(),
                                    cbcRun.optimal() ? "" : " (" + cbcRun.status() + ")"));
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        return out;
    }

    /**
     * The auctioneer is a long-running service, so what matters is the time per auction once the JIT has compiled
     * the hot paths (the first runs of a fresh JVM are two to three times slower). Each scenario is warmed up on
     * other seeds of the same family, never on an instance that is then timed.
     */
    private static void warmUp(Scenario s, Mechanism mechanism, MechanismOptions options) {
        long until = System.nanoTime() + WARM_UP.toNanos();
        for (long seed = WARM_UP_SEEDS; seed < WARM_UP_SEEDS + 200 && System.nanoTime() < until; seed++) {
            mechanism.run(AuctionGenerator.generate(s.spec(seed)), options);
        }
    }

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** Fast instances are timed this many times, ours and CBC's alike, and the median kept: one run is noisy. */
    private static final int REPEATS = 3;
    private static final Duration REPEAT_BELOW = Duration.ofSeconds(2);

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
    private static final long WARM_UP_SEEDS = 1_000_001;
}

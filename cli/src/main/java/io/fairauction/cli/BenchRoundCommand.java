package io.fairauction.cli;

import io.fairauction.devnet.RoundBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auction bench-round}: the auction round overhead of the running system (issue 8, item 9). */
@Command(name = "bench-round", mixinStandardHelpOptions = true,
        description = {"Measures the auction round overhead: the devnet's broker, Anvil, collector,",
                "gateway and auctioneer, N open signed intents (posted through the collector,",
                "topped up as some settle) and M instant bidders (SDK solvers routing a few",
                "intents through the pools, no thinking time). Prints per round what opening,",
                "the gateway's fan-out and closing cost (the solvers' window excluded), then",
                "p50/p95/max. Timings are reported, never asserted; `auction bench` is the",
                "mechanism benchmark."})
public final class BenchRoundCommand implements Callable<Integer> {
    @Option(names = "--intents", paramLabel = "N", defaultValue = "500", description = "Open intents in every measured auction (default: ${DEFAULT-VALUE}).")
    int intents;

    @Option(names = "--solvers", paramLabel = "M", defaultValue = "20", description = "Instant bidders (default: ${DEFAULT-VALUE}).")
    int solvers;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "30", description = "Rounds measured (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "3", description = "Full rounds run first and not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--period", paramLabel = "MILLIS", defaultValue = "4000", description = "Auction period; solvers get half of it, enough for twenty in-process solvers on two busy cores to get a 500-intent auction and answer (default: ${DEFAULT-VALUE}).")
    long period;

    @Option(names = "--mechanism", paramLabel = "NAME", defaultValue = "fair-combinatorial", description = "Mechanism (default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traders' intents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every measured round as JSON.")
    Path json;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where service configs, logs and the deployment go (default: a new temporary directory).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        RoundBench.Options options;
        try {
            options = new RoundBench.Options(intents, solvers, rounds, warmup, period, mechanism,
                    stateDir != null ? stateDir : Files.createTempDirectory("fair-auction-bench-round-"),
                    Optional.ofNullable(json), seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        RoundBench bench = new RoundBench(options, System.out);
        // Ctrl-C or a kill: stop the broker, Anvil and the service processes too, not only this JVM.
        Thread hook = new Thread(bench::close, "bench-round-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already in the hook, which stops everything.
            }
        }
        return 0;
    }
}

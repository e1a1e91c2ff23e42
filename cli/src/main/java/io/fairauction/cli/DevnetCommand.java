package io.fairauction.cli;

import io.fairauction.devnet.Devnet;
import io.fairauction.devnet.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auction devnet}: the whole system on this machine, with simulated traders, until done or Ctrl-C. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on this machine: an embedded Kafka broker, Anvil with the contracts and",
                "seeded pools, the intent-collector, solver-gateway and auctioneer as processes, the example solvers,",
                "and simulated traders. Prints each auction as it happens and a summary at the end (or on Ctrl-C).",
                "Exit code 0 when nothing was lost, settled twice or unfair; 1 otherwise."})
public final class DevnetCommand implements Callable<Integer> {
    @Option(names = "--auctions", paramLabel = "N", description = "Stop after N settled auctions (default: 20 unless --duration is given; 0: no limit).")
    Integer auctions;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds of trading (0: no limit).")
    long durationSeconds;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "4", description = "Intents the traders submit per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--period", paramLabel = "MILLIS", defaultValue = "2000", description = "Auction period in ms (default: ${DEFAULT-VALUE}).")
    long period;

    @Option(names = "--mechanism", paramLabel = "NAME", defaultValue = "fair-combinatorial", description = "Mechanism (see `auction mechanisms`; default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(names = "--solvers", paramLabel = "NAMES", split = ",", description = "Example solvers to run (default: amm-router,cow-batcher,parametric).")
    List<String> solvers = new ArrayList<>(List.of("amm-router", "cow-batcher", "parametric"));

    @Option(names = "--solver", paramLabel = "NAME=URL", description = "A solver you run yourself; its secret is printed at start (repeatable).")
    Map<String, String> external = new LinkedHashMap<>();

    @Option(names = "--collector-port", paramLabel = "PORT", defaultValue = "8080", description = "The collector's HTTP port (default: ${DEFAULT-VALUE}).")
    int collectorPort;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Use this Kafka cluster instead of the embedded broker.")
    String kafka;

    @Option(names = "--rpc", paramLabel = "URL", description = "Use this chain (JSON-RPC URL) instead of a new Anvil; the dev accounts must be funded.")
    String rpc;

    @Option(names = "--traders", paramLabel = "N", defaultValue = "12", description = "Simulated traders (default: ${DEFAULT-VALUE}).")
    int traders;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traders' choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path summaryJson;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where service configs, logs and the deployment go (default: a new temporary directory).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        for (Map.Entry<String, String> e : external.entrySet()) {
            if (!e.getValue().matches("https?://\\S+")) {
                throw new BadInputException("--solver " + e.getKey() + ": URL must be http(s)://..., got " + e.getValue());
            }
            if (!e.getKey().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new BadInputException("--solver " + e.getKey() + ": a solver name is 1-64 of [A-Za-z0-9._-]");
            }
        }
        int n = auctions != null ? auctions : durationSeconds > 0 ? 0 : 20;
        Devnet.Options options;
        try {
            options = new Devnet.Options(n, Duration.ofSeconds(durationSeconds), rate, period, mechanism, solvers,
                    external, collectorPort, Optional.ofNullable(kafka), Optional.ofNullable(rpc),
                    Optional.ofNullable(summaryJson), stateDir != null ? stateDir : Files.createTempDirectory("fair-auction-devnet-"),
                    traders, seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Devnet devnet = new Devnet(options, System.out);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop trading, drain, summarise, then let run() return and close everything.
            devnet.requestStop();
            try {
                main.join(180_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "devnet-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Summary summary = devnet.run();
            return summary.ok() ? 0 : 1;
        } finally {
            devnet.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already in the hook: it waits for us.
            }
        }
    }
}

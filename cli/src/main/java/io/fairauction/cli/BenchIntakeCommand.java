package io.fairauction.cli;

import io.fairauction.devnet.IntakeBench;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auction bench-intake}: accepted signed intents per second, and latency at a fixed rate (docs/benchmarks.md). */
@Command(name = "bench-intake", mixinStandardHelpOptions = true,
        description = {"Measures the intent-collector: an embedded Kafka broker, the collector as its own JVM, and a",
                "load generator posting distinct signed intents (EIP-712 digest, signer recovery, acks=all publish",
                "before each 201; balance checks off). Prints accepted intents/s with N requests in flight, the",
                "collector's CPU per intent, and p50/p99 latency at a fixed offered rate. A benchmark, not a test."})
public final class BenchIntakeCommand implements Callable<Integer> {
    @Option(names = "--intents", defaultValue = "20000", description = "Intents in the throughput run (default: ${DEFAULT-VALUE}).")
    int intents;

    @Option(names = "--warmup", defaultValue = "200000", description = "Intents posted first and not measured: the collector compiles about 9,000 methods with C2 (80 s of CPU) before its cost per intent settles (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--concurrency", defaultValue = "128", description = "Requests in flight in the throughput run (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "1000", description = "Offered rate of the latency run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the measured latency run, after 5 s at the same rate not measured (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--owners", defaultValue = "1000", description = "Distinct signing owners (default: ${DEFAULT-VALUE}).")
    int owners;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "An existing cluster (topics created) instead of the embedded broker.")
    String kafka;

    @Override
    public Integer call() throws Exception {
        IntakeBench.Options options;
        try {
            options = new IntakeBench.Options(intents, warmup, concurrency, rate, seconds, owners, Optional.ofNullable(kafka));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        IntakeBench.Result result = IntakeBench.run(options, System.out);
        return result.notAccepted() == 0 ? 0 : 1;
    }
}

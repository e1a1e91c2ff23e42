package io.fairauction.devnet;

import io.fairauction.chain.Deployment;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The intake benchmark ({@code auction bench-intake}): an embedded broker, the intent-collector as its own JVM with
 * production JVM settings, and a load generator in this process posting distinct intents signed up front by many
 * owners. Each POST is parsed, EIP-712 hashed, its signer recovered, and published with {@code acks=all} before its
 * 201. Balance checks are off (they cost two RPC round trips to the chain per intent; the chain is not what is
 * measured), and the per-owner rate limit is raised so that it does not refuse the load.
 *
 * <ol>
 *   <li>throughput: a closed loop with {@code concurrency} requests in flight over {@code intents} intents;</li>
 *   <li>latency: an open loop at {@code rate}/s for {@code seconds}, each latency from the scheduled send time, so a
 *       stall is not hidden by the generator waiting (coordinated omission).</li>
 * </ol>
 * The collector's own CPU time per accepted intent is reported too: on this one machine the generator takes cores
 * from the collector, and that figure says what a collector costs when it has the machine to itself.
 */
public final class IntakeBench {
    /** What to run. */
    public record Options(int intents, int warmup, int concurrency, int rate, int seconds, int owners,
                          Optional<String> kafka) {
        public Options {
            if (intents < 1 || warmup < 0 || concurrency < 1 || rate < 1 || seconds < 1 || owners < 1) {
                throw new IllegalArgumentException("--intents, --concurrency, --rate, --seconds and --owners must be "
                        + "positive, --warmup not negative");
            }
        }
    }

    /** The measurements. */
    public record Result(double acceptedPerSecond, double collectorCpuMicrosPerIntent,
                         double generatorCpuMicrosPerIntent, double p50Millis, double p99Millis, double maxMillis,
                         int notAccepted) {
    }

    /** Seconds of the open loop run before the measured ones (see {@link #run}). */
    static final int LATENCY_WARMUP_SECONDS = 5;

    private IntakeBench() {
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("intake-bench-");
        try {
            return run(options, dir, out);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Result run(Options options, Path dir, PrintStream out) throws Exception {
        Deployment deployment = deployment();
        Path deploymentFile = dir.resolve("deployment.json");
        deployment.write(deploymentFile);
        int warmup = options.warmup();
        int total = warmup + options.intents() + options.rate() * (LATENCY_WARMUP_SECONDS + options.seconds());
        out.printf("signing %d intents by %d owners...%n", total, options.owners());
        // Each phase's bodies are dropped once posted: 270,000 of them kept this JVM's collections long.
        List<byte[]> bodies = Arrays.asList(sign(deployment, total, options.owners()).toArray(new byte[0][]));

        try (EmbeddedKafka kafka = options.kafka().isPresent() ? null : EmbeddedKafka.start()) {
            String bootstrap = options.kafka().orElseGet(kafka::bootstrapServers);
            int port = Devnet.freePort();
            String config = """
                    micronaut:
                      server:
                        port: %d
                    fair-auction:
                      kafka:
                        bootstrap-servers: %s
                      chain:
                        deployment-file: %s
                      collector:
                        check-balances: false
                        valid-to:
                          max-seconds: 604800
                        rate-limit:
                          capacity: 1000000
                          per-second: 1000000
                    """.formatted(port, bootstrap, deploymentFile.toAbsolutePath());
            try (ServiceProcess collector = ServiceProcess.start(dir, "intent-collector",
                    "io.fairauction.collector.CollectorApplication", config, port, ServiceProcess.STEADY_STATE)) {
                collector.awaitHealthy(Duration.ofSeconds(120));
                URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/intents");
                // One set of connections for every phase: closing and opening 128 connections between phases ran
                // code the warm-up never had, and the collector's JIT threw away and recompiled its hottest methods
                // (1 s of C2 each) inside the measured window.
                int from = 0;
                long[] latencies;
                Loop loop;
                Duration cpu;
                Duration own;
                try (HttpLoad load = new HttpLoad(uri, options.concurrency())) {
                    closedLoop(load, bodies.subList(from, from += warmup), "warm-up", out);
                    Collections.fill(bodies.subList(0, from), null);
                    Duration cpuBefore = collector.cpuTime().orElse(Duration.ZERO);
                    Duration ownBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
                    loop = closedLoop(load, bodies.subList(from, from += options.intents()), "throughput", out);
                    cpu = collector.cpuTime().orElse(Duration.ZERO).minus(cpuBefore);
                    own = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(ownBefore);
                    Collections.fill(bodies.subList(0, from), null);
                    // The open loop at the measured rate, unmeasured first: smaller producer batches than the closed
                    // loop's take branches the collector's compiled code had never seen (deoptimised, recompiled).
                    openLoop(load, bodies.subList(from, from += options.rate() * LATENCY_WARMUP_SECONDS), options.rate());
                    latencies = openLoop(load, bodies.subList(from, bodies.size()), options.rate());
                }
                long notAccepted = Arrays.stream(latencies).filter(l -> l < 0).count();
                long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
                Result result = new Result(loop.perSecond(),
                        loop.accepted() == 0 ? 0 : cpu.toNanos() / 1e3 / loop.accepted(),
                        loop.accepted() == 0 ? 0 : own.toNanos() / 1e3 / loop.accepted(),
                        percentile(ok, 50), percentile(ok, 99), ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6,
                        loop.notAccepted() + (int) notAccepted);
                out.printf("throughput: %.0f accepted intents/s (%d intents, %d in flight, %d cores shared by the "
                                + "collector, the broker and the load generator)%n", result.acceptedPerSecond(),
                        options.intents(), options.concurrency(), Runtime.getRuntime().availableProcessors());
                out.printf("collector CPU: %.0f us per accepted intent (%.0f intents/s per core it has to itself)%n",
                        result.collectorCpuMicrosPerIntent(), 1e6 / Math.max(1, result.collectorCpuMicrosPerIntent()));
                out.printf("this process (load generator%s) CPU: %.0f us per accepted intent%n",
                        options.kafka().isPresent() ? "" : " and embedded broker", result.generatorCpuMicrosPerIntent());
                out.printf("latency at %d/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", options.rate(),
                        options.seconds(), result.p50Millis(), result.p99Millis(), result.maxMillis());
                if (result.notAccepted() > 0) {
                    out.printf("WARNING: %d requests were not answered 201%n", result.notAccepted());
                }
                return result;
            }
        }
    }

    /** A deployment file with addresses only: nothing is deployed, no chain is called (balance checks are off). */
    static Deployment deployment() {
        return new Deployment(31337, "http://127.0.0.1:8545", 1,
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", List.of(),
                "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9",
                List.of(new Deployment.TokenInfo("WETH", "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9", 18),
                        new Deployment.TokenInfo("USDC", "0x5fc8d32690cc91d4c39d1d8bdcd0a7c7ac3c3a61", 6)), List.of());
    }

    /** Bodies of {@code n} distinct valid intents by {@code owners} random keys, as a wallet would post them. */
    static List<byte[]> sign(Deployment deployment, int n, int owners) {
        ECKeyPair[] keys = IntStream.range(0, owners).parallel().mapToObj(i -> {
            try {
                return Keys.createEcKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toArray(ECKeyPair[]::new);
        String weth = deployment.tokens().get(0).address();
        String usdc = deployment.tokens().get(1).address();
        long validTo = System.currentTimeMillis() / 1000 + 3 * 86_400;
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            ECKeyPair key = keys[i % keys.length];
            Intent unsigned = new Intent("0x", "0x" + Keys.getAddress(key), Side.SELL, usdc, weth,
                    BigInteger.valueOf(1_000_000L + i), BigInteger.TEN.pow(15), validTo, "");
            return Traders.body(IntentSignatures.sign(unsigned, key, deployment.domain())).getBytes(StandardCharsets.UTF_8);
        }).toList();
    }

    private record Loop(double perSecond, int accepted, int notAccepted) {
    }

    /** Each connection posts the next unsent body as soon as its previous one is answered. */
    private static Loop closedLoop(HttpLoad load, List<byte[]> bodies, String what, PrintStream out) throws IOException {
        long start = System.nanoTime();
        int[] status = load.closedLoop(bodies);
        double seconds = (System.nanoTime() - start) / 1e9;
        int accepted = (int) Arrays.stream(status).filter(c -> c == 201).count();
        int other = bodies.size() - accepted;
        out.printf("%s: %d accepted, %d not in %.2f s: %.0f/s%n", what, accepted, other, seconds, accepted / seconds);
        return new Loop(accepted / seconds, accepted, other);
    }

    /**
     * Body i is due at {@code start + i / rate} and goes out on connection {@code i % connections}; its latency is
     * counted from when it was due (see {@link HttpLoad#openLoop}). Latencies in ns; -1 for a request not answered 201.
     */
    private static long[] openLoop(HttpLoad load, List<byte[]> bodies, int rate) throws IOException {
        return load.openLoop(bodies, System.nanoTime() + 50_000_000L, 1_000_000_000L / rate);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in ms. */
    static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Devnet.nearestRank(sorted.length, p)] / 1e6;
    }
}

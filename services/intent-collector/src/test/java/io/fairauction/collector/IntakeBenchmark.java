package io.fairauction.collector;

import io.fairauction.chain.Deployment;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.kafka.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Intake benchmark (a command, never a test): a real embedded broker, one collector over HTTP, intents signed up
 * front by many owners, each POST verified (EIP-712 digest + ECDSA recovery) and published with {@code acks=all}
 * before its 201. Balance checks are off (no chain: they cost two RPC round trips per intent, measured apart).
 *
 * <ol>
 *   <li>throughput: {@code --concurrency} requests in flight, {@code --intents} accepted intents, intents/s;</li>
 *   <li>latency: an open-loop schedule at {@code --rate}/s for {@code --seconds} (latency from the scheduled send
 *       time, so a stall is not hidden), p50/p99/max.</li>
 * </ol>
 * Run: {@code java -cp <test classpath> io.fairauction.collector.IntakeBenchmark [--intents 20000]
 * [--concurrency 64] [--rate 1000] [--seconds 10] [--kafka HOST:PORT] [--in-process]}
 * ({@code --in-process}: only the intake's CPU cost, no HTTP and no broker) ({@code --kafka}: an external cluster with
 * the topics created, instead of the embedded broker, which fsyncs every write: {@code log.flush.interval.messages=1}).
 */
public final class IntakeBenchmark {
    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int intents = intArg(args, "--intents", 20_000);
        int concurrency = intArg(args, "--concurrency", 64);
        int rate = intArg(args, "--rate", 1_000);
        int seconds = intArg(args, "--seconds", 10);
        int warmup = Math.min(5_000, intents / 4);

        Deployment deployment = new Deployment(31337, "http://127.0.0.1:8545", 1,
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", List.of(),
                "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9",
                List.of(new Deployment.TokenInfo("WETH", "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9", 18),
                        new Deployment.TokenInfo("USDC", "0x5fc8d32690cc91d4c39d1d8bdcd0a7c7ac3c3a61", 6)), List.of());
        Path dir = Files.createTempDirectory("intake-bench-");
        Path deploymentFile = dir.resolve("deployment.json");
        deployment.write(deploymentFile);

        System.out.printf("signing %d intents up front...%n", warmup + intents + rate * seconds);
        long t0 = System.nanoTime();
        List<byte[]> bodies = sign(deployment, warmup + intents + rate * seconds);
        System.out.printf("signed in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        if (java.util.Arrays.asList(args).contains("--in-process")) {
            inProcess(deployment, bodies.subList(0, warmup), "warm-up");
            inProcess(deployment, bodies.subList(warmup, warmup + intents), "in-process");
            return;
        }
        String external = stringArg(args, "--kafka", null);
        try (EmbeddedKafka kafka = external == null ? startKafka() : null) {
            Map<String, Object> props = Map.of(
                    "micronaut.server.port", -1,
                    "fair-auction.kafka.bootstrap-servers", external == null ? kafka.bootstrapServers() : external,
                    "fair-auction.chain.deployment-file", deploymentFile.toString(),
                    "fair-auction.collector.check-balances", false,
                    "fair-auction.collector.rate-limit.capacity", 1_000_000,
                    "fair-auction.collector.rate-limit.per-second", 1_000_000,
                    "fair-auction.collector.valid-to.max-seconds", 7 * 86_400);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "collector")) {
                URI uri = URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/intents");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(60)).build();
                closedLoop(client, uri, bodies.subList(0, warmup), concurrency, "warm-up");
                double perSecond = closedLoop(client, uri, bodies.subList(warmup, warmup + intents), concurrency,
                        "throughput");
                long[] latencies = openLoop(client, uri, bodies.subList(warmup + intents, bodies.size()), rate);
                Arrays.sort(latencies);
                System.out.printf("RESULT throughput: %.0f accepted intents/s (%d intents, %d in flight, %d cores)%n",
                        perSecond, intents, concurrency, Runtime.getRuntime().availableProcessors());
                System.out.printf("RESULT latency at %d/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", rate,
                        seconds, pct(latencies, 50), pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
            }
        }
    }

    /**
     * The intake's own cost: {@link Intake#submit} on all cores with a publisher that acknowledges at once, no HTTP,
     * no broker (parse, EIP-712 digest, ECDSA recovery, checks).
     */
    private static void inProcess(Deployment deployment, List<byte[]> bodies, String what) {
        Intake intake = new Intake(deployment, new IntakeSettings(16 * 1024, 5, 7 * 86_400, 1_000_000,
                1_000_000, false), null, (topic, key, value) -> { }, new IntentView(),
                new OwnerRateLimiter(1_000_000, 1_000_000, System::nanoTime), System::currentTimeMillis,
                IntakeMetrics.NONE);
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        bodies.parallelStream().forEach(b -> {
            if (intake.submit(b).status() == 201) {
                accepted.incrementAndGet();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT %s: %d accepted in %.2f s: %.0f/s on %d cores%n", what, accepted.get(), seconds,
                accepted.get() / seconds, Runtime.getRuntime().availableProcessors());
    }

    /** A free port found can be taken by another process before the broker binds it: try again on new ports. */
    private static EmbeddedKafka startKafka() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return EmbeddedKafka.start();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Bodies of distinct valid intents by 200 owners (random keys; balances are not checked). */
    static List<byte[]> sign(Deployment deployment, int n) throws Exception {
        ECKeyPair[] owners = new ECKeyPair[200];
        for (int k = 0; k < owners.length; k++) {
            owners[k] = Keys.createEcKeyPair();
        }
        String weth = deployment.tokens().get(0).address();
        String usdc = deployment.tokens().get(1).address();
        long validTo = System.currentTimeMillis() / 1000 + 3 * 86_400;
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            ECKeyPair key = owners[i % owners.length];
            Intent unsigned = new Intent("0x", "0x" + Keys.getAddress(key), Side.SELL, usdc, weth,
                    BigInteger.valueOf(1_000_000L + i), BigInteger.TEN.pow(15), validTo, "");
            Intent signed = IntentSignatures.sign(unsigned, key, deployment.domain());
            var body = Intake.intentJson(signed);
            body.remove("uid");
            return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }).toList();
    }

    private static double closedLoop(HttpClient client, URI uri, List<byte[]> bodies, int concurrency, String what)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            slots.acquire();
            client.sendAsync(post(uri, body), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 201) {
                    accepted.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d accepted, %d other in %.2f s: %.0f/s%n", what, accepted.get(), other.get(), seconds,
                accepted.get() / seconds);
        if (other.get() > 0) {
            System.out.println("WARNING: some requests were not accepted");
        }
        return accepted.get() / seconds;
    }

    private static long[] openLoop(HttpClient client, URI uri, List<byte[]> bodies, int rate) {
        long[] latencies = new long[bodies.size()];
        List<CompletableFuture<?>> all = new ArrayList<>(bodies.size());
        AtomicInteger failed = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < bodies.size(); i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int at = i;
            all.add(client.sendAsync(post(uri, bodies.get(i)), HttpResponse.BodyHandlers.discarding())
                    .handle((r, e) -> {
                        latencies[at] = System.nanoTime() - scheduled;
                        if (e != null || r.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        if (failed.get() > 0) {
            System.out.println("WARNING: " + failed.get() + " requests were not accepted");
        }
        return latencies;
    }

    private static HttpRequest post(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static double pct(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }

    private static String stringArg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }
}

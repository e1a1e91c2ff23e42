package io.fairauction.devnet;

import io.fairauction.chain.Anvil;
import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.fairauction.sdk.SolverServer;
import io.fairauction.solvers.ExampleSolvers;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.web3j.crypto.Credentials;

/**
 * The whole system on one machine: a real Kafka broker (embedded, or {@code --kafka}), Anvil (or {@code --rpc}) with
 * the contracts and seeded pools, the three services as processes, the example solvers (and any the user runs),
 * and simulated traders posting signed intents to the collector. Prints one line per auction and a summary.
 */
public final class Devnet implements AutoCloseable {
    /** How to run; see {@code auction devnet --help}. */
    public record Options(int auctions, Duration duration, double rate, long periodMillis, String mechanism,
                          List<String> exampleSolvers, Map<String, String> externalSolvers, int collectorPort,
                          Optional<String> kafka, Optional<String> rpc, Optional<Path> summaryJson, Path stateDir,
                          int traders, long seed) {
        public Options {
            if (auctions < 0) {
                throw new IllegalArgumentException("--auctions must not be negative");
            }
            if (rate <= 0 || rate > 1000) {
                throw new IllegalArgumentException("--rate must be in (0, 1000] intents per second, got " + rate);
            }
            if (periodMillis < 200) {
                throw new IllegalArgumentException("--period must be at least 200 ms, got " + periodMillis);
            }
            if (Mechanisms.byName(mechanism).isEmpty()) {
                throw new IllegalArgumentException("--mechanism: no mechanism " + mechanism + "; one of "
                        + Mechanisms.all().stream().map(m -> m.name()).toList());
            }
            for (String s : exampleSolvers) {
                if (!ExampleSolvers.NAMES.contains(s)) {
                    throw new IllegalArgumentException("--solvers: no example solver " + s + "; one of " + ExampleSolvers.NAMES);
                }
            }
            if (collectorPort < 0 || collectorPort > 65535) {
                throw new IllegalArgumentException("--collector-port must be in 0..65535, got " + collectorPort);
            }
            if (traders < 1 || traders > 20) {
                throw new IllegalArgumentException("--traders must be in 1..20 (dev accounts 10-29; solver payouts use 30 and up), got " + traders);
            }
            exampleSolvers = List.copyOf(exampleSolvers);
            externalSolvers = Map.copyOf(externalSolvers);
        }
    }

    /** Starts one in-process solver; the devnet's default serves the example solver {@code name}. */
    @FunctionalInterface
    interface SolverFactory {
        SolverServer start(String name, String id, String secret) throws IOException;
    }

    private final Options options;
    private final PrintStream out;
    private SolverFactory solverFactory = (name, id, secret) ->
            ExampleSolvers.create(name, id, secret, 0, Duration.ofMillis(150), 20);
    /** Per service (collector, gateway, auctioneer): extra properties, written as dotted keys into its config. */
    private final Map<String, Map<String, String>> extraProperties = new java.util.TreeMap<>();
    private List<String> serviceJvmOptions = ServiceProcess.QUICK_START;
    private ServiceProcess auctioneerProcess;
    private List<ServiceProcess> services = List.of();
    private String collectorUrl;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private String bootstrapServers;
    private Chain chain;
    private Deployment deployment;
    private Watcher watcher;
    private Traders traders;

    public Devnet(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Serves the in-process solvers with this factory instead of the plain example solvers (before {@link #start()}). */
    Devnet solvers(SolverFactory factory) {
        this.solverFactory = factory;
        return this;
    }

    /** Adds properties to a service's config (before {@link #start()}); {@code service}: collector, gateway, auctioneer. */
    Devnet properties(String service, Map<String, String> properties) {
        extraProperties.computeIfAbsent(service, k -> new java.util.TreeMap<>()).putAll(properties);
        return this;
    }

    /** The services' JVM options (before {@link #start()}); {@link ServiceProcess#QUICK_START} by default. */
    Devnet serviceJvmOptions(List<String> options) {
        this.serviceJvmOptions = List.copyOf(options);
        return this;
    }

    /** Asks a running {@link #run()} to stop submitting, drain and summarise (Ctrl-C). */
    public void requestStop() {
        stop.set(true);
    }

    /** Starts everything, runs until the auctions or the duration are done (or {@link #requestStop()}), summarises. */
    public Summary run() throws Exception {
        start();
        submitUntilDone();
        drain();
        Summary summary = summarise();
        out.print(summary.text());
        if (options.summaryJson().isPresent()) {
            summary.writeJson(options.summaryJson().get());
        }
        return summary;
    }

    /**
     * Starts broker, chain, solvers and services, and funds the traders; {@link #run()} then trades. Also the setup of
     * the round benchmark, which drives the traders itself.
     */
    void start() throws Exception {
        Files.createDirectories(options.stateDir());
        long started = System.currentTimeMillis();
        // 1. Broker.
        if (options.kafka().isPresent()) {
            bootstrapServers = options.kafka().get();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                Topics.createAll(admin, (short) 1);
            }
            out.println("kafka      " + bootstrapServers + " (external)");
        } else {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            resources.add(kafka);
            bootstrapServers = kafka.bootstrapServers();
            out.println("kafka      " + bootstrapServers + " (embedded KRaft broker)");
        }
        // 2. Chain and contracts.
        String rpc;
        if (options.rpc().isPresent()) {
            rpc = options.rpc().get();
        } else {
            // Its output beside the services' logs, so it outlives the run like theirs.
            Path logs = options.stateDir().resolve("logs");
            Files.createDirectories(logs);
            Anvil anvil = Anvil.start(Anvil.Options.defaults().withLog(logs.resolve("anvil.log")));
            resources.add(anvil);
            rpc = anvil.rpcUrl();
        }
        chain = Chain.connect(rpc);
        resources.add(chain);
        Credentials deployer = DevAccounts.account(DevAccounts.DEPLOYER);
        deployment = new Deployer(chain, deployer).deploy(DevAccounts.account(DevAccounts.SUBMITTER).getAddress());
        Path deploymentFile = options.stateDir().resolve("deployment.json");
        deployment.write(deploymentFile);
        out.println("chain      " + rpc + " (chain id " + chain.chainId() + "), settlement " + deployment.settlement()
                + ", deployment file " + deploymentFile.toAbsolutePath());
        // 3. Solvers, in this process; their java.util.logging output goes to logs/solvers.log, not the console.
        Path logs = options.stateDir().resolve("logs");
        Files.createDirectories(logs);
        java.util.logging.Logger sdkLog = java.util.logging.Logger.getLogger("io.fairauction");
        sdkLog.setUseParentHandlers(false);
        java.util.logging.FileHandler solverLog = new java.util.logging.FileHandler(logs.resolve("solvers.log").toString());
        solverLog.setFormatter(new java.util.logging.SimpleFormatter());
        sdkLog.addHandler(solverLog);
        resources.add(solverLog::close);
        Map<String, String[]> solvers = new LinkedHashMap<>(); // id -> endpoint, secret, payout
        int payoutAccount = 30;
        Map<String, Integer> copies = new java.util.HashMap<>();
        for (String name : options.exampleSolvers()) {
            // The same example solver named twice runs twice, as name, name-2, ...
            int copy = copies.merge(name, 1, Integer::sum);
            String id = copy == 1 ? name : name + "-" + copy;
            String secret = secret();
            SolverServer server = solverFactory.start(name, id, secret);
            resources.add(server);
            solvers.put(id, new String[] {server.endpoint(), secret, payout(payoutAccount++)});
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(options.externalSolvers()).entrySet()) {
            String secret = secret();
            solvers.put(e.getKey(), new String[] {e.getValue(), secret, payout(payoutAccount++)});
            out.println("solver     " + e.getKey() + " at " + e.getValue() + ": your secret is " + secret
                    + " (HMAC key; see docs/solver-api.md)");
        }
        // 4. Services, each its own JVM.
        long solveWindow = Math.max(500, options.periodMillis() / 2);
        int collectorPort = options.collectorPort() == 0 ? freePort() : options.collectorPort();
        String common = """
                fair-auction:
                  kafka:
                    bootstrap-servers: %s
                  chain:
                    rpc-url: %s
                    deployment-file: %s
                """.formatted(bootstrapServers, rpc, deploymentFile.toAbsolutePath());
        ServiceProcess collector = ServiceProcess.start(logs, "intent-collector", "io.fairauction.collector.CollectorApplication",
                "micronaut:\n  server:\n    port: " + collectorPort + "\n" + common + extra("collector"), collectorPort, serviceJvmOptions);
        resources.add(collector);
        int gatewayPort = freePort();
        StringBuilder gateway = new StringBuilder("micronaut:\n  server:\n    port: " + gatewayPort + "\n" + common
                + "  gateway:\n    deadline-margin-ms: 150\n    solvers:\n");
        for (Map.Entry<String, String[]> s : solvers.entrySet()) {
            gateway.append("      - id: ").append(s.getKey()).append('\n')
                    .append("        endpoint: ").append(s.getValue()[0]).append('\n')
                    .append("        secret: ").append(s.getValue()[1]).append('\n')
                    .append("        payout: \"").append(s.getValue()[2]).append("\"\n");
        }
        ServiceProcess gatewayProcess = ServiceProcess.start(logs, "solver-gateway", "io.fairauction.gateway.GatewayApplication",
                gateway + extra("gateway"), gatewayPort, serviceJvmOptions);
        resources.add(gatewayProcess);
        int auctioneerPort = freePort();
        ServiceProcess auctioneer = ServiceProcess.start(logs, "auctioneer", "io.fairauction.auctioneer.AuctioneerApplication",
                "micronaut:\n  server:\n    port: " + auctioneerPort + "\n" + common + """
                          auctioneer:
                            period-ms: %d
                            solve-window-ms: %d
                            mechanism: %s
                            leader-session-timeout-ms: 3000
                        """.formatted(options.periodMillis(), solveWindow, options.mechanism()) + extra("auctioneer"), auctioneerPort, serviceJvmOptions);
        resources.add(auctioneer);
        auctioneerProcess = auctioneer;
        services = List.of(collector, gatewayProcess, auctioneer);
        for (ServiceProcess p : services) {
            p.awaitHealthy(Duration.ofSeconds(120));
        }
        collectorUrl = "http://127.0.0.1:" + collectorPort;
        out.println("collector  " + collectorUrl + "  (POST /api/v1/intents, GET /api/v1/intents/{uid}, GET /api/v1/tokens)");
        out.println("solvers    " + String.join(", ", solvers.keySet()) + "; mechanism " + options.mechanism()
                + "; period " + options.periodMillis() + " ms; logs in " + logs);
        // 5. Traders.
        watcher = new Watcher(bootstrapServers, out::println);
        resources.add(watcher);
        traders = new Traders(new DevMarket(chain, deployment, deployer), deployment, options.traders(), collectorUrl,
                options.seed(), chain::latestTimestamp);
        traders.fund();
        out.printf("traders    %d funded dev accounts, %.1f intents/s; started in %.1f s%n", options.traders(),
                options.rate(), (System.currentTimeMillis() - started) / 1000.0);
    }

    /** Extra properties of a service as top-level dotted keys (YAML reads them as the nested ones). */
    private String extra(String service) {
        StringBuilder b = new StringBuilder();
        extraProperties.getOrDefault(service, Map.of()).forEach((k, v) -> b.append(k).append(": \"").append(v).append("\"\n"));
        return b.toString();
    }

    /** Payout addresses: dev accounts 30-39, then fixed keys (payouts only receive, they need no ether). */
    private static String payout(int index) {
        return index < DevAccounts.COUNT ? DevAccounts.account(index).getAddress()
                : Credentials.create(BigInteger.valueOf(1_000_000L + index).toString(16)).getAddress();
    }

    private void submitUntilDone() throws InterruptedException {
        long start = System.currentTimeMillis();
        long intervalNanos = (long) (1_000_000_000L / options.rate());
        long next = System.nanoTime();
        List<String> recent = new ArrayList<>();
        while (!stop.get()) {
            if (options.auctions() > 0 && watcher.completedAuctions() >= options.auctions()) {
                break;
            }
            if (!options.duration().isZero() && System.currentTimeMillis() - start >= options.duration().toMillis()) {
                break;
            }
            services.forEach(ServiceProcess::checkAlive);
            long now = System.nanoTime();
            if (now < next) {
                Thread.sleep(Math.max(1, (next - now) / 1_000_000));
                continue;
            }
            next += intervalNanos;
            try {
                traders.submitOne(60).ifPresent(recent::add);
                if (!recent.isEmpty() && traders.shouldCancel()) {
                    traders.cancel(recent.remove(0));
                }
            } catch (IOException | RuntimeException e) {
                out.println("trader: " + e.getMessage());
            }
        }
    }

    /** Stops trading, cancels what is still open, and waits until every accepted intent has a final status. */
    private void drain() throws InterruptedException {
        out.println("stopping: cancelling open intents and waiting for every accepted intent to end...");
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            boolean allFinal = true;
            for (String uid : traders.accepted.keySet()) {
                IntentStatus s = watcher.status.get(uid);
                if (s != null && s.state().isFinal()) {
                    continue;
                }
                allFinal = false;
                if (s == null || s.state() == IntentStatus.State.OPEN) {
                    try {
                        traders.cancel(uid);
                    } catch (IOException | RuntimeException e) {
                        // Tried again on the next pass.
                    }
                }
            }
            if (allFinal) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private Summary summarise() {
        List<String> problems = new ArrayList<>();
        int settled = 0;
        int expired = 0;
        int cancelled = 0;
        int lost = 0;
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Traders.Submitted> e : traders.accepted.entrySet()) {
            IntentStatus s = watcher.status.get(e.getKey());
            IntentStatus.State state = s == null ? IntentStatus.State.OPEN : s.state();
            switch (state) {
                case SETTLED -> {
                    settled++;
                    latencies.add(Math.max(0, s.last().atMillis() - e.getValue().acceptedAtMillis()));
                }
                case EXPIRED -> expired++;
                case CANCELLED -> cancelled++;
                default -> {
                    lost++;
                    problems.add("intent " + e.getKey() + " ended the run " + state.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        // Settled twice: more than one mined settlement record, or more than one Trade event on chain, for one uid.
        Map<String, Integer> mined = new java.util.TreeMap<>();
        for (List<SettlementRecorded> rs : watcher.settlements.values()) {
            for (SettlementRecorded r : rs) {
                if (r.status() == SettlementRecorded.Status.MINED) {
                    r.trades().forEach(t -> mined.merge(t.uid().toLowerCase(Locale.ROOT), 1, Integer::sum));
                }
            }
        }
        Map<String, Integer> onChain = ChainAudit.tradeEvents(chain, deployment);
        java.util.Set<String> twice = new java.util.TreeSet<>();
        mined.forEach((uid, n) -> {
            if (n > 1) {
                twice.add(uid);
            }
        });
        onChain.forEach((uid, n) -> {
            if (n > 1) {
                twice.add(uid);
            }
        });
        twice.forEach(uid -> problems.add("intent " + uid + " settled more than once"));
        boolean fair = options.mechanism().startsWith("fair-combinatorial") && !options.mechanism().endsWith("second-price");
        int violations = 0;
        BigInteger overLimits = BigInteger.ZERO;
        BigInteger overReference = BigInteger.ZERO;
        int auctions = 0;
        for (AuctionClosed c : watcher.closed.values()) {
            if (c.abandoned()) {
                continue;
            }
            auctions++;
            var opened = watcher.opened.get(c.auctionId());
            if (opened == null) {
                continue;
            }
            if (fair) {
                List<String> v = FairnessAudit.violations(opened, watcher.bids.getOrDefault(c.auctionId(), List.of()), c);
                violations += v.size();
                problems.addAll(v);
            }
            for (var i : opened.auction().intents()) {
                IntentStatus s = watcher.status.get(i.uid().toLowerCase(Locale.ROOT));
                var outcome = c.result().path("outcome").path(i.uid());
                if (s == null || s.state() != IntentStatus.State.SETTLED || outcome.isMissingNode()
                        || s.last().auctionId() == null || s.last().auctionId() != c.auctionId()) {
                    continue;
                }
                BigInteger amount = new BigInteger(outcome.path("amount").asText());
                BigInteger paid = new BigInteger(outcome.path("paid").asText());
                overLimits = overLimits.add(Watcher.surplus(opened, i, amount, paid, false, c.result()));
                overReference = overReference.add(Watcher.surplus(opened, i, amount, paid, true, c.result()));
            }
        }
        latencies.sort(Long::compare);
        return new Summary(auctions, traders.accepted.size(), (int) traders.refused.get(), settled, expired, cancelled,
                lost, twice.size(), violations, fair, options.mechanism(), overLimits, overReference,
                percentile(latencies, 50), percentile(latencies, 95), problems);
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(nearestRank(sorted.size(), p));
    }

    /** The index of the p-th percentile in a sorted non-empty sample of {@code size} (nearest rank). */
    static int nearestRank(int size, int p) {
        int rank = (int) Math.ceil(p / 100.0 * size);
        return Math.max(0, Math.min(size - 1, rank - 1));
    }

    /** The auctioneer's HTTP base URL (health, /prometheus), once started. */
    String auctioneerUrl() {
        return "http://127.0.0.1:" + auctioneerProcess.port();
    }

    /** The deployment, once {@link #run()} has deployed it (for tests that check the chain afterwards). */
    public Deployment deployment() {
        return deployment;
    }

    public Chain chain() {
        return chain;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    Watcher watcher() {
        return watcher;
    }

    Traders traders() {
        return traders;
    }

    /** The traders' accounts. */
    public List<Credentials> traderAccounts() {
        return traders.accounts();
    }

    private static String secret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Ports handed out in this JVM: the services bind theirs only seconds later. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A free port not handed out before in this JVM. The OS gives a just-closed ephemeral port out again, and the
     * services bind theirs seconds later: the gateway and the auctioneer once got the same port, the auctioneer
     * failed to start and the gateway answered its health check.
     */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no free port not handed out already");
    }

    /** Stops everything it started, in reverse order: services, solvers, chain, broker. */
    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                out.println("while stopping: " + e.getMessage());
            }
        }
        resources.clear();
    }
}

package io.fairauction.kafka;

import io.fairauction.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM: KRaft mode, one node that is both broker and controller, started from the
 * {@code kafka_2.13} jars (no Docker, no download). The one place tests and the devnet get a broker from.
 *
 * <p>It listens on two free loopback ports, keeps its log in a directory (temporary unless given), and can be stopped
 * and started again on the same directory and ports: what was acknowledged before the stop is there after it.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir, int brokerPort, int controllerPort) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** A broker on free ports with its data in a new temporary directory (deleted on {@link #close()}). */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("fair-auction-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on free ports keeping its data in {@code dataDir} (kept on close; formatted on first use). */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, false);
    }

    private static EmbeddedKafka start(Path dataDir, boolean owns) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, owns, freePort(), freePort());
        kafka.startServer();
        kafka.createTopics();
        return kafka;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker cleanly (its log is flushed and kept); {@link #restart()} brings it back on the same ports. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the stopped broker again on the same directory and ports. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
            awaitReady();
        }
    }

    private synchronized void startServer() {
        Properties props = properties();
        Path logDir = dataDir.resolve("log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        // One broker: internal topics cannot have more replicas than that.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        // A consumer group's first member starts at once rather than waiting 3 s for others (devnet and tests).
        p.put("group.initial.rebalance.delay.ms", "0");
        // Lets auctioneers notice a dead leader within a couple of seconds (clients choose 1..60 s).
        p.put("group.min.session.timeout.ms", "1000");
        p.put("num.partitions", "1");
        // No fsync per write: an acknowledged record is in the OS page cache, which survives this JVM being killed
        // (what the tests and the devnet do); only a machine crash could lose it, as with Kafka's own defaults.
        p.put("log.cleaner.backoff.ms", "1000");
        return p;
    }

    private void format(Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "written by EmbeddedKafka for the storage format tool");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int code = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", config.toString(), "--ignore-formatted"}, new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IllegalStateException("kafka storage format failed: " + captured.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createTopics() {
        awaitReady();
        try (Admin admin = admin()) {
            Topics.createAll(admin, (short) 1);
            // Creation returns before every partition has a leader; clients that start now would see errors.
            List<String> names = Topics.ALL.stream().map(Topics.Spec::name).toList();
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            while (true) {
                try {
                    boolean led = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                            .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                    if (led) {
                        return;
                    }
                } catch (Exception notYet) {
                    // Unknown topic until the metadata reaches the broker: try again.
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topics have no leader after " + READY_TIMEOUT.toSeconds() + " s");
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** Waits until the broker answers metadata requests. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
                sleep(100);
            }
        }
        throw new IllegalStateException("the embedded broker did not become ready in " + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** Stops the broker; a temporary data directory is deleted. */
    @Override
    public void close() {
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a leftover temp file is not worth failing a shutdown for.
                }
            });
        } catch (IOException ignored) {
            // Same.
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a broker until killed: {@code java ... io.fairauction.kafka.EmbeddedKafka [DATA_DIR]}. Prints its address. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = args.length > 0 ? start(Path.of(args[0])) : start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}

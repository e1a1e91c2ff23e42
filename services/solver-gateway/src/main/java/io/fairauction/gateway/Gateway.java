package io.fairauction.gateway;

import io.fairauction.events.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solver-gateway as a plain object: the auction consumer, the outcome notifier, their Kafka clients and the
 * HTTP client. The Micronaut application only builds one from configuration and starts it; tests start several.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final SolverHttp http;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final AuctionWorker auctions;
    private final NotifyWorker outcomes;
    private final Thread auctionThread;
    private final Thread notifyThread;

    /**
     * @param name a name for this instance (client ids, thread names); distinct per gateway process
     */
    public Gateway(GatewayConfig config, String bootstrapServers, GatewayMetrics metrics, String name) {
        this.config = config;
        this.metrics = metrics;
        this.http = new SolverHttp(Duration.ofMillis(config.connectTimeoutMillis()));
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, name + "-bids"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-deadline"));
        this.workers = Executors.newFixedThreadPool(4, daemon(name + "-judge"));
        Notifier notifier = new Notifier(http, metrics, Duration.ofMillis(config.notifyTimeoutMillis()), config.maxNotifyInFlight());
        AuctionRound round = new AuctionRound(config, http, BidPublisher.kafka(producer), notifier, metrics, timer, workers);
        this.auctions = new AuctionWorker(new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, name + "-auctions",
                config.group())), round, metrics, config.maxInFlight());
        Map<String, Object> outcomeSettings = new HashMap<>(KafkaSettings.consumer(bootstrapServers, name + "-outcomes",
                config.notifyGroup()));
        outcomeSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.outcomes = new NotifyWorker(new KafkaConsumer<>(outcomeSettings), config, notifier, metrics);
        this.auctionThread = new Thread(auctions, name + "-auctions");
        this.notifyThread = new Thread(outcomes, name + "-outcomes");
    }

    public Gateway start() {
        auctionThread.start();
        notifyThread.start();
        LOG.info("solver-gateway started: solvers {}, group {}, notify group {}, max {} bids per solver, answers up to {} bytes, "
                        + "stop {} ms before deadlines", config.solvers().stream().map(SolverEndpoint::id).toList(),
                config.group(), config.notifyGroup(), config.maxBidsPerSolver(), config.maxResponseBytes(),
                config.deadlineMarginMillis());
        return this;
    }

    public GatewayConfig config() {
        return config;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Whether both consumer loops are running. */
    public boolean isRunning() {
        return auctionThread.isAlive() && notifyThread.isAlive();
    }

    /** The partitions of {@code auctions} this gateway owns right now. */
    public Set<TopicPartition> auctionPartitions() {
        return auctions.assignment();
    }

    /** The partitions of {@code auction-results} and {@code settlements} this gateway listens to right now. */
    public Set<TopicPartition> outcomePartitions() {
        return outcomes.assignment();
    }

    @Override
    public void close() {
        long t0 = System.currentTimeMillis();
        auctions.stop();
        outcomes.stop();
        join(auctionThread);
        join(notifyThread);
        LOG.info("consumers stopped after {} ms", System.currentTimeMillis() - t0);
        producer.close(Duration.ofSeconds(10));
        timer.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        LOG.info("solver-gateway stopped in {} ms", System.currentTimeMillis() - t0);
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

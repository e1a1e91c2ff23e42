package io.fairauction.auctioneer;

import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auctioneer's loop on Kafka. Every instance reads all topics it needs into its {@link Book}; the one that
 * {@link Leadership} elects runs the rounds. Each step's events (open; close; settle) are written in one Kafka
 * transaction, so a crash never leaves half a step; the transactional id is shared by all instances, so a new leader's
 * {@code initTransactions} fences the old one and aborts its open transaction. On taking the lead, an instance first
 * finishes what the previous leader left: rounds opened and not closed are abandoned (their intents re-auctioned),
 * winners closed and not settled are reconciled with the chain and settled.
 */
public final class AuctioneerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuctioneerRuntime.class);
    static final String TRANSACTIONAL_ID = "fair-auction-auctioneer";
    private static final List<String> READ = List.of(Topics.INTENTS, Topics.INTENT_STATUS, Topics.AUCTIONS,
            Topics.BIDS, Topics.AUCTION_RESULTS, Topics.SETTLEMENTS);

    /** How to run. */
    public record Options(String bootstrapServers, String instanceId, long periodMillis, long bidGraceMillis,
                          int leaderSessionTimeoutMillis) {
    }

    private final Options options;
    private final Rounds rounds;
    private final Market market;
    private final MeterRegistry metrics;
    private final Book book = new Book();
    private final TopicsReader reader;
    private final Leadership leadership;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong roundsRun = new AtomicLong();
    private final Thread thread;
    private KafkaProducer<String, String> producer;
    private volatile boolean leading;
    /** Whether the last round found nothing to auction (then the next does not read the pools ahead). */
    private boolean lastCutEmpty = true;
    /** Reads the chain for a round while the round thread catches up on the topics. */
    private final ExecutorService chainReader = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "auctioneer-chain-read");
        t.setDaemon(true);
        return t;
    });

    AuctioneerRuntime(Options options, Rounds rounds, Market market, MeterRegistry metrics) {
        this.options = options;
        this.rounds = rounds;
        this.market = market;
        this.metrics = metrics;
        this.reader = new TopicsReader(options.bootstrapServers(), options.instanceId(), book::apply, metrics);
        this.leadership = new Leadership(options.bootstrapServers(), options.instanceId(), options.leaderSessionTimeoutMillis());
        this.thread = new Thread(this::run, "auctioneer");
    }

    public void start() {
        reader.assign(READ);
        catchUp();
        leadership.start();
        thread.start();
    }

    /** Whether this instance currently runs the rounds. */
    public boolean isLeading() {
        return leading;
    }

    public long roundsRun() {
        return roundsRun.get();
    }

    private void run() {
        long nextRound = 0;
        while (running.get()) {
            try {
                poll(Duration.ofMillis(50));
                boolean elected = leadership.isLeader();
                if (elected && !leading) {
                    takeLead();
                } else if (!elected && leading) {
                    stepDown("leadership moved to another instance");
                }
                long now = System.currentTimeMillis();
                if (leading && now >= nextRound) {
                    nextRound = now + options.periodMillis();
                    round();
                }
            } catch (ProducerFencedException e) {
                stepDown("fenced by a newer leader");
            } catch (KafkaException e) {
                LOG.error("Kafka failure; stepping down and starting over from the topics", e);
                stepDown("Kafka failure: " + e.getMessage());
                sleep(500);
            } catch (RuntimeException e) {
                // A chain or mechanism failure costs this round, not the service; the next round tries again.
                LOG.error("round failed", e);
                if (leading) {
                    abortQuietly();
                }
                sleep(200);
            }
        }
    }

    private void takeLead() {
        LOG.info("taking the lead: fencing earlier leaders and finishing their work");
        producer = new KafkaProducer<>(KafkaSettings.transactionalProducer(options.bootstrapServers(),
                options.instanceId() + "-tx", TRANSACTIONAL_ID));
        // Fences every earlier producer with this id and aborts its open transaction, so what is committed now is final.
        producer.initTransactions();
        leading = true;
        catchUp();
        long now = System.currentTimeMillis();
        for (AuctionOpened o : book.unclosed()) {
            LOG.info("auction {} was opened by an earlier leader and not closed: abandoning it", o.auctionId());
            publish(rounds.abandon(book, o, now));
        }
        for (AuctionClosed c : book.unsettled()) {
            LOG.info("auction {} has winners without a settlement record: reconciling with the chain", c.auctionId());
            publish(rounds.settle(book, c, System.currentTimeMillis()));
        }
    }

    private void stepDown(String why) {
        if (leading || producer != null) {
            LOG.warn("stepping down: {}", why);
        }
        leading = false;
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // A fenced producer may refuse to close cleanly; it is discarded either way.
            }
            producer = null;
        }
    }

    /**
     * One round. Each step is timed into {@code auctioneer.round.step{step}} (the round-overhead benchmark reads them
     * per round); {@code auctioneer.round.overhead} is opening plus closing, the solvers' window and the bid grace
     * excluded.
     */
    private void round() {
        Timer.Sample sample = Timer.start(metrics);
        long started = System.nanoTime();
        long startedCpu = threadCpuNanos();
        // The chain is read while the topics are caught up: both are waits on other processes and neither depends on
        // the other (the pools change by settlements, and this thread waited for the last round's before returning).
        // The reserves are read ahead only while rounds have intents, so an idle auctioneer does not poll the pools.
        CompletableFuture<Long> chainTimeRead = readChain("open.chain-time.read", market::chainTime);
        CompletableFuture<Market.Snapshot> pricesRead = lastCutEmpty ? null : readChain("open.chain-prices.read", market::snapshot);
        runStep("open.catch-up", () -> catchUp("open.catch-up"));
        long now = System.currentTimeMillis();
        long chainTime = step("open.chain-time", () -> join(chainTimeRead));
        List<Event> housekeeping = step("open.housekeeping", () -> rounds.housekeeping(book, now, chainTime));
        if (!housekeeping.isEmpty()) {
            runStep("open.publish-housekeeping", () -> publish(housekeeping));
        }
        List<io.fairauction.core.model.Intent> intents = step("open.cut", () -> rounds.cut(book, chainTime));
        lastCutEmpty = intents.isEmpty();
        if (intents.isEmpty()) {
            return;
        }
        Market.Snapshot snapshot = step("open.chain-prices", () -> join(pricesRead != null ? pricesRead
                : readChain("open.chain-prices.read", market::snapshot)));
        List<Event> opening = step("open.build", () -> rounds.open(book, intents, snapshot, now));
        AuctionOpened opened = (AuctionOpened) opening.get(0);
        runStep("open.publish", () -> publish(opening, "open.publish"));
        metrics.counter("auctioneer.auctions.opened").increment();
        long openNanos = System.nanoTime() - started;
        metrics.timer("auctioneer.round.open").record(Duration.ofNanos(openNanos));
        // This thread's CPU time beside the wall time: on a busy machine the wall time is mostly waiting for a core.
        metrics.timer("auctioneer.round.open.cpu").record(Duration.ofNanos(threadCpuNanos() - startedCpu));
        LOG.info("auction {} opened with {} intents, deadline in {} ms", opened.auctionId(),
                opened.auction().intents().size(), opened.deadlineMillis() - System.currentTimeMillis());
        // Solvers think until the deadline; the gateway publishes every bid before it.
        while (running.get() && System.currentTimeMillis() < opened.deadlineMillis() + options.bidGraceMillis()) {
            poll(Duration.ofMillis(Math.max(1, Math.min(50, opened.deadlineMillis() + options.bidGraceMillis() - System.currentTimeMillis()))));
        }
        if (!running.get() || !leading) {
            return;
        }
        long closing = System.nanoTime();
        long closingCpu = threadCpuNanos();
        runStep("close.catch-up", () -> catchUp("close.catch-up"));
        List<Event> closed = step("close.mechanism", () -> rounds.close(book, opened, System.currentTimeMillis()));
        runStep("close.publish", () -> publish(closed, "close.publish"));
        AuctionClosed result = (AuctionClosed) closed.get(0);
        long closeNanos = System.nanoTime() - closing;
        metrics.timer("auctioneer.round.close").record(Duration.ofNanos(closeNanos));
        metrics.timer("auctioneer.round.close.cpu").record(Duration.ofNanos(threadCpuNanos() - closingCpu));
        metrics.timer("auctioneer.round.overhead").record(Duration.ofNanos(openNanos + closeNanos));
        LOG.info("auction {} closed: {} bids, {} winners; opening took {} ms, closing {} ms", opened.auctionId(),
                result.bidsReceived(), result.winners().size(), openNanos / 1_000_000, closeNanos / 1_000_000);
        if (!result.winners().isEmpty()) {
            runStep("settle", () -> publish(rounds.settle(book, result, System.currentTimeMillis())));
        }
        roundsRun.incrementAndGet();
        sample.stop(metrics.timer("auctioneer.round"));
    }

    /** {@code read} on the chain reader, its own duration timed as step {@code step}. */
    private <T> CompletableFuture<T> readChain(String step, java.util.function.Supplier<T> read) {
        return CompletableFuture.supplyAsync(() -> step(step, read), chainReader);
    }

    /** The chain read's value, or its own exception (a {@link io.fairauction.chain.ChainException}) as is. */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private <T> T step(String name, java.util.function.Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            metrics.timer("auctioneer.round.step", "step", name).record(Duration.ofNanos(System.nanoTime() - t));
        }
    }

    private void runStep(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Writes the events in one transaction and, once it is committed, applies them to the book and moves the
     * consumer past the records' own offsets (not to the end offsets: right after a commit the last stable offset may
     * not have moved past the records yet, as the commit markers are written after {@code commitTransaction} returns).
     */
    private void publish(List<Event> events) {
        publish(events, null);
    }

    /** {@link #publish(List)}, its phases timed as steps {@code step.send}, {@code .commit}, {@code .apply}. */
    private void publish(List<Event> events, String step) {
        long t0 = System.nanoTime();
        if (producer == null) {
            throw new ProducerFencedException("not leading");
        }
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        producer.beginTransaction();
        try {
            for (Event e : events) {
                sent.add(producer.send(new ProducerRecord<>(topicOf(e), e.key(), EventJson.write(e))));
            }
            phase(step, "send", t0);
            t0 = System.nanoTime();
            producer.commitTransaction();
            phase(step, "commit", t0);
            t0 = System.nanoTime();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
        Map<TopicPartition, Long> written = new java.util.HashMap<>();
        for (var f : sent) {
            try {
                var m = f.get();
                written.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new KafkaException("a committed record reports a failure", e.getCause());
            }
        }
        // The book takes the committed events as they are, and the consumer moves past them instead of fetching and
        // parsing the whole transaction again (an auction and a status per intent): only the leader writes these
        // topics and a deposed leader is fenced, so nothing unread lies between what was read and these records.
        events.forEach(book::apply);
        reader.skipPast(written);
        phase(step, "apply", t0);
    }

    private void phase(String step, String phase, long startedNanos) {
        if (step != null) {
            metrics.timer("auctioneer.round.step", "step", step + "." + phase).record(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    private void abortQuietly() {
        try {
            if (producer != null) {
                producer.abortTransaction();
            }
        } catch (RuntimeException ignored) {
            // Nothing was open, or the producer is fenced: either way nothing of it is visible.
        }
    }

    static String topicOf(Event e) {
        if (e instanceof AuctionOpened) {
            return Topics.AUCTIONS;
        } else if (e instanceof AuctionClosed) {
            return Topics.AUCTION_RESULTS;
        } else if (e instanceof io.fairauction.events.SettlementRecorded) {
            return Topics.SETTLEMENTS;
        } else if (e instanceof io.fairauction.events.IntentStatus) {
            return Topics.INTENT_STATUS;
        }
        throw new IllegalArgumentException("the auctioneer does not write " + e.getClass().getSimpleName());
    }

    /** Reads until every assigned partition is at its end (the last stable offset: committed data only). */
    private void catchUp() {
        reader.catchUp(null);
    }

    private void catchUp(String step) {
        reader.catchUp(step);
    }

    private void poll(Duration timeout) {
        reader.poll(timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadership.close();
        stepDown("shutting down");
        reader.close();
        chainReader.shutdownNow();
    }
}

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
    /** How long before a round is due its opening is computed (while the round thread would only wait). */
    private static final long OPEN_AHEAD_MILLIS = 150;
    /** The next round's opening computed while waiting for it (null: nothing to auction then); used if still right when the round starts. */
    private OpeningAhead openingAhead;
    /** The round start {@link #openingAhead} was computed for (0: none). */
    private long openingAheadFor;
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
                // While leading, the wait for the next round ends at its start, not up to a poll later.
                poll(Duration.ofMillis(leading ? Math.max(1, Math.min(50, nextRound - System.currentTimeMillis())) : 50));
                boolean elected = leadership.isLeader();
                if (elected && !leading) {
                    takeLead();
                } else if (!elected && leading) {
                    stepDown("leadership moved to another instance");
                }
                long now = System.currentTimeMillis();
                if (leading && now >= nextRound) {
                    // A round whose opening was computed ahead is timed from when it was due: computing it past that
                    // point is overhead like any other.
                    long due = openingAheadFor == nextRound ? nextRound : now;
                    nextRound = now + options.periodMillis();
                    round(due);
                } else if (leading && openingAheadFor != nextRound && !lastCutEmpty && nextRound - now <= OPEN_AHEAD_MILLIS) {
                    long start = nextRound;
                    openingAheadFor = start;
                    openingAhead = step("open.ahead", () -> OpeningAhead.of(rounds.opening(book, start, market.chainTime(), market::snapshot)));
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
    private void round(long dueMillis) {
        Timer.Sample sample = Timer.start(metrics);
        long started = System.nanoTime() - Math.max(0, System.currentTimeMillis() - dueMillis) * 1_000_000L;
        long startedCpu = threadCpuNanos();
        OpeningAhead early = openingAhead;
        openingAhead = null;
        // The chain is read while the topics are caught up: both are waits on other processes and neither depends on
        // the other (the pools change by settlements, and this thread waited for the last round's before returning).
        // The reserves are read ahead only while rounds have intents, so an idle auctioneer does not poll the pools.
        CompletableFuture<Long> chainTimeRead = readChain("open.chain-time.read", market::chainTime);
        CompletableFuture<Market.Snapshot> pricesRead = lastCutEmpty || early != null ? null : readChain("open.chain-prices.read", market::snapshot);
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
        // The opening computed while waiting for this round, if the book and the chain still give exactly it.
        boolean useAhead = early != null && early.opening().matches(book, chainTime, intents);
        metrics.counter("auctioneer.round.open.ahead", "outcome", useAhead ? "used" : early == null ? "none" : "stale").increment();
        List<Event> opening;
        if (useAhead) {
            opening = early.opening().events();
            runStep("open.publish", () -> publish(early.outgoing(), "open.publish"));
        } else {
            // Other intents than computed ahead but the same block: the same pools and prices.
            Optional<Market.Snapshot> sameBlock = early == null ? Optional.empty() : early.opening().snapshotAt(chainTime);
            Market.Snapshot snapshot = step("open.chain-prices", () -> sameBlock.orElseGet(() -> join(pricesRead != null
                    ? pricesRead : readChain("open.chain-prices.read", market::snapshot))));
            opening = step("open.build", () -> rounds.open(book, intents, snapshot, now));
            runStep("open.publish", () -> publish(opening, "open.publish"));
        }
        AuctionOpened opened = (AuctionOpened) opening.get(0);
        metrics.counter("auctioneer.auctions.opened").increment();
        long openNanos = System.nanoTime() - started;
        metrics.timer("auctioneer.round.open").record(Duration.ofNanos(openNanos));
        // This thread's CPU time beside the wall time: on a busy machine the wall time is mostly waiting for a core.
        metrics.timer("auctioneer.round.open.cpu").record(Duration.ofNanos(threadCpuNanos() - startedCpu));
        LOG.info("auction {} opened with {} intents, deadline in {} ms", opened.auctionId(),
                opened.auction().intents().size(), opened.deadlineMillis() - System.currentTimeMillis());
        // Solvers think until the deadline; the gateway publishes every bid before it. The bid grace after it is spent
        // computing the closing from the bids read so far (again if more arrive and there is time): at the close, the
        // caught-up book usually holds exactly those bids, and the closing computed ahead is the one published.
        long closeAt = opened.deadlineMillis() + options.bidGraceMillis();
        Ahead ahead = null;
        long aheadMillis = 0;
        while (running.get() && System.currentTimeMillis() < closeAt) {
            poll(Duration.ofMillis(Math.max(1, Math.min(50, closeAt - System.currentTimeMillis()))));
            long t = System.currentTimeMillis();
            if (t >= opened.deadlineMillis() && closeAt - t > aheadMillis && (ahead == null || !ahead.closing().matches(book))) {
                ahead = step("grace.closing", () -> Ahead.of(rounds.closing(book, opened, closeAt)));
                aheadMillis = System.currentTimeMillis() - t;
            }
        }
        if (!running.get() || !leading) {
            return;
        }
        // Counted from the close time, not from the end of the wait: a closing computed ahead that overran the grace
        // is overhead like any other.
        long closing = System.nanoTime() - Math.max(0, System.currentTimeMillis() - closeAt) * 1_000_000L;
        long closingCpu = threadCpuNanos();
        runStep("close.catch-up", () -> catchUp("close.catch-up"));
        Ahead computed = ahead;
        // Computed anew (null: the one computed in the grace holds) when bids or statuses changed since, e.g. the
        // catch-up found bids the grace had not read.
        List<Event> fresh = step("close.mechanism", () -> computed != null && computed.closing().matches(book) ? null
                : rounds.closing(book, opened, closeAt).events());
        metrics.counter("auctioneer.round.close.ahead", "outcome", fresh == null ? "used" : computed == null ? "none" : "stale").increment();
        Outgoing closed = fresh == null ? computed.outgoing() : null;
        runStep("close.publish", () -> {
            if (closed != null) {
                publish(closed, "close.publish");
            } else {
                publish(fresh, "close.publish");
            }
        });
        AuctionClosed result = (AuctionClosed) (fresh != null ? fresh : closed.events()).get(0);
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
        publish(Outgoing.of(events), step, t0);
    }

    private void publish(Outgoing out, String step) {
        publish(out, step, System.nanoTime());
    }

    private void publish(Outgoing out, String step, long t0) {
        if (producer == null) {
            throw new ProducerFencedException("not leading");
        }
        List<Event> events = out.events();
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        producer.beginTransaction();
        try {
            for (ProducerRecord<String, String> r : out.records()) {
                sent.add(producer.send(r));
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

    /** Events and their records, serialised before the transaction that writes them. */
    private record Outgoing(List<Event> events, List<ProducerRecord<String, String>> records) {
        static Outgoing of(List<Event> events) {
            List<ProducerRecord<String, String>> records = new ArrayList<>(events.size());
            for (Event e : events) {
                records.add(new ProducerRecord<>(topicOf(e), e.key(), EventJson.write(e)));
            }
            return new Outgoing(events, records);
        }
    }

    /** An opening computed before its round, serialised. */
    private record OpeningAhead(Rounds.Opening opening, Outgoing outgoing) {
        /** Null for no opening. */
        static OpeningAhead of(Rounds.Opening opening) {
            return opening == null ? null : new OpeningAhead(opening, Outgoing.of(opening.events()));
        }
    }

    /** A closing computed during the bid grace, serialised. */
    private record Ahead(Rounds.Closing closing, Outgoing outgoing) {
        static Ahead of(Rounds.Closing closing) {
            return new Ahead(closing, Outgoing.of(closing.events()));
        }
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

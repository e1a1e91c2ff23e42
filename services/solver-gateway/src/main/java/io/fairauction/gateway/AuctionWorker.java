package io.fairauction.gateway;

import io.fairauction.events.AuctionOpened;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of {@link Topics#AUCTIONS} in the gateways' consumer group: each auction a gateway is assigned
 * is run by an {@link AuctionRound}, up to {@code max-in-flight} at a time, and its offset is committed once every
 * record of the round is acknowledged, in offset order per partition. A gateway that dies before committing leaves
 * the auction to the next owner, which skips it if its deadline has passed (nothing is sent after a deadline).
 */
final class AuctionWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AuctionWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, String> consumer;
    private final AuctionRound round;
    private final GatewayMetrics metrics;
    private final Semaphore inFlight;
    /** Per partition, the offsets read and whether their round is done. Touched by the consumer thread only. */
    private final Map<TopicPartition, TreeMap<Long, CompletableFuture<Void>>> pending = new HashMap<>();
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    AuctionWorker(Consumer<String, String> consumer, AuctionRound round, GatewayMetrics metrics, int maxInFlight) {
        this.consumer = consumer;
        this.round = round;
        this.metrics = metrics;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The partitions of {@code auctions} this gateway owns right now. */
    Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.AUCTIONS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Finish what was started on them (rounds are bounded by their deadlines), then hand them over.
                    for (TopicPartition tp : partitions) {
                        TreeMap<Long, CompletableFuture<Void>> p = pending.get(tp);
                        if (p != null) {
                            p.values().forEach(AuctionWorker::awaitQuietly);
                        }
                    }
                    commitDone();
                    partitions.forEach(pending::remove);
                    assignment.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignment.addAll(partitions);
                    LOG.info("auctions partitions assigned: {}", partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(pending::remove);
                    assignment.removeAll(partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    handle(record);
                }
                commitDone();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the auction consumer stopped", e);
            throw e;
        } finally {
            try {
                pending.values().forEach(p -> p.values().forEach(AuctionWorker::awaitQuietly));
                try {
                    commitDone();
                } catch (WakeupException pendingWakeup) {
                    commitDone(); // the stop's wakeup was still pending; it fires once
                }
            } catch (RuntimeException e) {
                LOG.warn("final commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
            assignment.clear();
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        TreeMap<Long, CompletableFuture<Void>> p = pending.computeIfAbsent(tp, k -> new TreeMap<>());
        Event event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            metrics.unreadable(record.topic());
            metrics.auction("unreadable");
            LOG.error("unreadable record at {}@{}: {}", tp, record.offset(), e.getMessage());
            p.put(record.offset(), CompletableFuture.completedFuture(null));
            return;
        }
        if (!(event instanceof AuctionOpened auction)) {
            metrics.unreadable(record.topic());
            LOG.warn("ignoring a {} on {} at {}@{}", event.getClass().getSimpleName(), record.topic(), tp, record.offset());
            p.put(record.offset(), CompletableFuture.completedFuture(null));
            return;
        }
        acquire();
        Optional<CompletableFuture<Void>> started;
        try {
            started = round.run(auction);
        } catch (RuntimeException e) {
            inFlight.release();
            metrics.auction("failed");
            LOG.error("auction {} could not be run", auction.auctionId(), e);
            p.put(record.offset(), CompletableFuture.completedFuture(null));
            return;
        }
        if (started.isEmpty()) {
            inFlight.release();
            p.put(record.offset(), CompletableFuture.completedFuture(null));
            return;
        }
        p.put(record.offset(), started.get().handle((v, error) -> {
            inFlight.release();
            if (error != null) {
                // The auction is over by now: running it again would only send it after its deadline.
                metrics.auction("publish-failed");
                LOG.error("auction {}: publishing its bids failed: {}", auction.auctionId(), error.toString());
            }
            return null;
        }));
    }

    private void acquire() {
        try {
            while (!inFlight.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!running) {
                    throw new WakeupException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Commits, per partition, past every offset whose round is done and has no unfinished round before it. */
    private void commitDone() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (var e : pending.entrySet()) {
            TreeMap<Long, CompletableFuture<Void>> p = e.getValue();
            Long next = null;
            while (!p.isEmpty() && p.firstEntry().getValue().isDone()) {
                next = p.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                commits.put(e.getKey(), new OffsetAndMetadata(next));
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Failures were logged where they happened; a stuck round is given up on here.
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}

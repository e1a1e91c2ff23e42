package io.fairauction.gateway;

import io.fairauction.events.AuctionClosed;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells solvers what became of their bids: consumes {@link Topics#AUCTION_RESULTS} and {@link Topics#SETTLEMENTS}
 * in the notify consumer group (so each record is handled by one gateway of the group), sends every notice of a
 * poll at once, waits for them (each bounded by the notify timeout), then commits. A group that has never committed
 * starts at the end of the topics: a new gateway group does not replay a week of old outcomes to solvers.
 */
final class NotifyWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, String> consumer;
    private final GatewayConfig config;
    private final Notifier notifier;
    private final GatewayMetrics metrics;
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    NotifyWorker(Consumer<String, String> consumer, GatewayConfig config, Notifier notifier, GatewayMetrics metrics) {
        this.consumer = consumer;
        this.config = config;
        this.notifier = notifier;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.AUCTION_RESULTS, Topics.SETTLEMENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assignment.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Resolve where reading starts now (a new group starts at the end), so "assigned" means "listening".
                    partitions.forEach(consumer::position);
                    assignment.addAll(partitions);
                }
            });
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                List<CompletableFuture<Boolean>> sent = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    sent.addAll(handle(record));
                    commits.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                try {
                    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                            .get(config.notifyTimeoutMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.warn("some notifications did not finish in time: {}", e.toString());
                }
                consumer.commitSync(commits);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the notification consumer stopped", e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<CompletableFuture<Boolean>> handle(ConsumerRecord<String, String> record) {
        Event event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            metrics.unreadable(record.topic());
            LOG.error("unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return List.of();
        }
        List<OutcomeNotices.Notice> notices;
        if (event instanceof AuctionClosed closed) {
            if (closed.abandoned()) {
                metrics.outcomeSkipped("abandoned");
            }
            notices = OutcomeNotices.forResult(closed, config::solver);
        } else if (event instanceof SettlementRecorded settled) {
            notices = OutcomeNotices.forSettlement(settled, config::solver);
            if (notices.isEmpty()) {
                metrics.outcomeSkipped("other-solver");
            }
        } else {
            metrics.unreadable(record.topic());
            LOG.warn("ignoring a {} on {}", event.getClass().getSimpleName(), record.topic());
            return List.of();
        }
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (OutcomeNotices.Notice n : notices) {
            sent.add(notifier.send(n.solver(), n.notification()));
        }
        if (!notices.isEmpty()) {
            LOG.info("{} of auction {}: {} notifications", event.getClass().getSimpleName(), event.key(), notices.size());
        }
        return sent;
    }

    /** The outcome partitions this gateway listens to right now. */
    Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}

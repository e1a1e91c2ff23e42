package io.fairauction.auctioneer;

import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election from Kafka itself: every auctioneer joins one consumer group on the one-partition topic
 * {@link Topics#AUCTIONEER_LEADER}; the group coordinator assigns that partition to exactly one live member, which
 * leads. When the leader dies its session times out and the partition, and so the lead, moves to another member.
 * A deposed leader that still runs is fenced by the transactional id (see {@link AuctioneerRuntime}).
 */
final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    static final String GROUP = "fair-auction-auctioneer-leader";

    private final KafkaConsumer<String, String> consumer;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Leadership(String bootstrapServers, String instanceId, int sessionTimeoutMillis) {
        Map<String, Object> c = KafkaSettings.consumer(bootstrapServers, instanceId + "-leadership", GROUP);
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMillis);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, sessionTimeoutMillis / 6));
        this.consumer = new KafkaConsumer<>(c);
        this.thread = new Thread(this::run, "auctioneer-leadership");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isLeader() {
        return leader.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.AUCTIONEER_LEADER), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty() && leader.getAndSet(false)) {
                        LOG.info("leadership lost");
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty() && !leader.getAndSet(true)) {
                        LOG.info("leadership gained");
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    onPartitionsRevoked(partitions);
                }
            });
            while (running.get()) {
                // The topic carries no records: polling is what keeps this member in the group.
                consumer.poll(Duration.ofMillis(200));
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (RuntimeException e) {
            LOG.error("leadership loop failed; this instance no longer leads", e);
        } finally {
            leader.set(false);
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        running.set(false);
        leader.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.fairauction.auctioneer;

import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auctioneer's read side: every partition of its topics read from the beginning with {@code read_committed}, each
 * record handed in log order to {@code apply}, and {@link #catchUp} to the topics' end. Used by one thread.
 */
final class TopicsReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicsReader.class);

    private final KafkaConsumer<String, String> consumer;
    /**
     * Asks for end offsets only, on a connection of its own: the broker serves one request per connection at a time,
     * and {@link #consumer} nearly always has a fetch parked there for up to {@code fetch.max.wait.ms} (read_committed,
     * nothing new), so an {@code endOffsets} on that connection waits behind it (~10 ms of every catch-up).
     */
    private final KafkaConsumer<String, String> offsets;
    private final Consumer<Event> apply;
    private final MeterRegistry metrics;

    TopicsReader(String bootstrapServers, String clientId, Consumer<Event> apply, MeterRegistry metrics) {
        this.consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, clientId + "-state", null));
        this.offsets = new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, clientId + "-offsets", null));
        this.apply = apply;
        this.metrics = metrics;
    }

    /** Takes every partition of {@code topics}, from the beginning. */
    void assign(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Applies what one poll returns, waiting at most {@code timeout} for it. */
    void poll(Duration timeout) {
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            try {
                apply.accept(EventJson.read(r.value()));
            } catch (EventJson.EventFormatException e) {
                // A record this version cannot read is skipped, loudly, rather than stopping every auction.
                metrics.counter("auctioneer.records.unreadable", "topic", r.topic()).increment();
                LOG.error("unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
    }

    /**
     * Reads until every partition is at the end it had when this was called (the last stable offset: committed data
     * only), so every record committed before the call has been applied when it returns. With {@code step}, its
     * phases are timed as steps {@code step.end-offsets} and {@code step.read}.
     */
    void catchUp(String step) {
        long t0 = System.nanoTime();
        Map<TopicPartition, Long> end = offsets.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        phase(step, "end-offsets", t0);
        t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + 30_000;
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.currentTimeMillis() > deadline) {
                throw new KafkaException("could not read the topics to their end within 30 s");
            }
            poll(Duration.ofMillis(20));
        }
        phase(step, "read", t0);
    }

    /**
     * Moves past records this instance wrote and applied itself (the highest offset per partition), unless already
     * read past them.
     */
    void skipPast(Map<TopicPartition, Long> written) {
        written.forEach((tp, offset) -> {
            if (consumer.position(tp) <= offset) {
                consumer.seek(tp, offset + 1);
            }
        });
    }

    private void phase(String step, String phase, long startedNanos) {
        if (step != null) {
            metrics.timer("auctioneer.round.step", "step", step + "." + phase).record(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    @Override
    public void close() {
        consumer.close();
        offsets.close();
    }
}

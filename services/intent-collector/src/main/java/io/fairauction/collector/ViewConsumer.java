package io.fairauction.collector;

import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an {@link IntentView} from the beginning of {@code intents}, {@code intent-status} and
 * {@code auction-results}: every partition assigned by hand (no consumer group, so collectors share nothing),
 * {@code read_committed}, on one background thread. {@link #caughtUp()} turns true once the view has read up to
 * the end offsets the topics had at start.
 */
public final class ViewConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewConsumer.class);
    static final List<String> TOPICS = List.of(Topics.INTENTS, Topics.INTENT_STATUS, Topics.AUCTION_RESULTS);

    private final KafkaConsumer<String, String> consumer;
    private final IntentView view;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public ViewConsumer(String bootstrapServers, String clientId, IntentView view) {
        Map<String, Object> config = KafkaSettings.consumer(bootstrapServers, clientId, null);
        // Under load the view read a few records per fetch, each fetch costing the collector and the broker more
        // than the records in it; waiting for 32 KB (about 45 intents) or 50 ms makes the fetches fewer and fuller.
        // Nothing waits on the view: the intake keeps its own writes in its pending table until the view has them.
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 32_768);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(config);
        this.view = view;
        this.thread = new Thread(this::run, "collector-view");
        this.thread.setDaemon(true);
    }

    public ViewConsumer start() {
        thread.start();
        return this;
    }

    public IntentView view() {
        return view;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist; create the topics first");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    view.apply(r.topic(), r.key(), r.value());
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    LOG.info("intent view caught up: {} intents", view.intentCount());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("intent view consumer stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

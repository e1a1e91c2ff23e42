package io.fairauction.events;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client settings every service uses, so no service can forget one: idempotent producers with
 * {@code acks=all}, {@code read_committed} consumers that commit by hand, string keys and JSON string values.
 */
public final class KafkaSettings {
    private KafkaSettings() {
    }

    /** An idempotent producer that waits for every in-sync replica. */
    public static Map<String, Object> producer(String bootstrapServers, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Kafka's own default since 4.0. Keyed records spread over the partitions, so with 1 ms the batches held about
        // one record each; at 5 ms the broker's and the producer thread's CPU per intent fell by a third or more under
        // the intake benchmark (docs/benchmarks.md). It adds at most 5 ms to an acknowledgement.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** A transactional producer: writes are all-or-nothing, and a newer instance with the same id fences this one. */
    public static Map<String, Object> transactionalProducer(String bootstrapServers, String clientId, String transactionalId) {
        Map<String, Object> p = producer(bootstrapServers, clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        // A transaction (an auction and a status per intent) is flushed at once by the commit: fewer, larger requests.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        // Held until the commit flushes them (at once, whatever the linger): with 1 ms the sender shipped part-filled
        // batches while the records were still being written, many small requests queued on one connection and
        // competing with the writing for the cores (docs/benchmarks.md, round overhead).
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1_000);
        return p;
    }

    /**
     * A consumer that sees only committed transactional writes and never commits on its own.
     *
     * @param groupId the consumer group, or null for a consumer that assigns partitions itself (views)
     */
    public static Map<String, Object> consumer(String bootstrapServers, String clientId, String groupId) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A read_committed fetch parked on the broker is not woken when a commit marker makes records visible; with
        // the default 500 ms wait, an auction would reach solvers half a second late. Poll the broker more often.
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return c;
    }
}

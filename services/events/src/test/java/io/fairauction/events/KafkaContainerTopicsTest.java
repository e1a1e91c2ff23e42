package io.fairauction.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The topics and the client settings against Apache Kafka's own image. Skipped, with Testcontainers' reason, where
 * no Docker engine runs (as in this project's CI); EmbeddedKafkaTest and the service tests cover the same on the
 * embedded broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerTopicsTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void topicsAreCreatedOnceAndAnEventRoundTripsThroughTheBroker() throws Exception {
        String servers = KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Topics.createAll(admin, (short) 1);
            Topics.createAll(admin, (short) 1); // existing topics are left alone
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Topics.ALL.stream().map(Topics.Spec::name).toList());
        }
        Intent intent = new Intent("0x" + "ab".repeat(32), "0x" + "11".repeat(20), Side.SELL, "0x" + "22".repeat(20),
                "0x" + "33".repeat(20), BigInteger.TEN, BigInteger.ONE, 1_900_000_000L, "0x");
        Event sent = new IntentSubmitted(intent, 42);
        try (var producer = new KafkaProducer<String, String>(KafkaSettings.producer(servers, "tc"))) {
            producer.send(new ProducerRecord<>(Topics.INTENTS, sent.key(), EventJson.write(sent))).get(30, TimeUnit.SECONDS);
        }
        List<Event> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(KafkaSettings.consumer(servers, "tc", "tc-group"))) {
            consumer.subscribe(List.of(Topics.INTENTS));
            long until = System.currentTimeMillis() + 60_000;
            while (read.isEmpty() && System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(EventJson.read(r.value())));
            }
        }
        assertThat(read).containsExactly(sent);
    }
}

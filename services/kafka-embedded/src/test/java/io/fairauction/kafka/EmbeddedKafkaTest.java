package io.fairauction.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void createsEveryTopicWithItsPartitionCountAndCompactsIntentStatus() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            // DESIGN.md section 2 lists these six, plus the leadership topic.
            assertThat(topics.keySet()).containsExactlyInAnyOrder("intents", "auctions", "bids", "auction-results",
                    "settlements", "intent-status", "auctioneer-leader");
            assertThat(topics.get("auctioneer-leader").partitions()).hasSize(1);
            assertThat(topics.get("intents").partitions()).hasSizeGreaterThan(1);
            var status = new ConfigResource(ConfigResource.Type.TOPIC, "intent-status");
            var config = admin.describeConfigs(List.of(status)).all().get(30, TimeUnit.SECONDS).get(status);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void acknowledgedRecordsSurviveAStopAndRestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            String servers = kafka.bootstrapServers();
            produce(servers, "before");
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.restart();
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            produce(servers, "after");
            assertThat(consumeAll(servers, 2)).containsExactly("before", "after");
        }
        assertThat(Files.exists(dir.resolve("kafka/log/meta.properties"))).isTrue();
    }

    @Test
    void aTemporaryDataDirectoryIsDeletedOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.dataDir();
            assertThat(Files.isDirectory(dir)).isTrue();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    private static void produce(String servers, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(KafkaSettings.producer(servers, "test"))) {
            producer.send(new ProducerRecord<>(Topics.AUCTIONS, 0, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String servers, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(KafkaSettings.consumer(servers, "test", null))) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(Topics.AUCTIONS, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long until = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}

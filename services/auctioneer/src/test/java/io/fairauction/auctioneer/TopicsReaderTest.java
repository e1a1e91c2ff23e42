package io.fairauction.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.events.CancellationRequested;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up asks for the end offsets on a connection of its own while the reading consumer has a fetch parked on
 * the broker: whatever was committed before the catch-up began is applied when it returns, and nothing aborted is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicsReaderTest {
    private EmbeddedKafka kafka;

    @BeforeAll
    void start(@TempDir Path dir) {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        try (var admin = kafka.admin()) {
            Topics.createAll(admin, (short) 1);
        }
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    private static CancellationRequested event(String uid) {
        return new CancellationRequested(uid, "0xowner", "0xsig", 1);
    }

    private static ProducerRecord<String, String> record(String topic, CancellationRequested e) {
        return new ProducerRecord<>(topic, e.key(), EventJson.write(e));
    }

    @Test
    void catchingUpAppliesEveryRecordCommittedBeforeItAndNothingAborted() {
        List<Event> applied = new ArrayList<>();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (TopicsReader reader = new TopicsReader(kafka.bootstrapServers(), "reader-test", applied::add, metrics);
             KafkaProducer<String, String> tx = new KafkaProducer<>(KafkaSettings.transactionalProducer(
                     kafka.bootstrapServers(), "reader-test-tx", "reader-test-tx"));
             KafkaProducer<String, String> plain = new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(),
                     "reader-test-plain"))) {
            reader.assign(List.of(Topics.INTENTS, Topics.BIDS, Topics.INTENT_STATUS));
            reader.catchUp(null);
            assertThat(applied).isEmpty();
            tx.initTransactions();
            for (int round = 0; round < 3; round++) {
                // Idle polls leave a fetch parked on the broker, as between the auctioneer's rounds.
                for (int i = 0; i < 4; i++) {
                    reader.poll(Duration.ofMillis(30));
                }
                List<Event> expected = new ArrayList<>(applied);
                tx.beginTransaction();
                for (int i = 0; i < 20; i++) {
                    CancellationRequested e = event("0xcommitted-" + round + "-" + i);
                    tx.send(record(i % 2 == 0 ? Topics.INTENT_STATUS : Topics.INTENTS, e));
                    expected.add(e);
                }
                tx.commitTransaction();
                tx.beginTransaction();
                tx.send(record(Topics.INTENT_STATUS, event("0xaborted-" + round)));
                tx.abortTransaction();
                CancellationRequested bid = event("0xplain-" + round);
                plain.send(record(Topics.BIDS, bid)).get();
                expected.add(bid);

                reader.catchUp("test");

                assertThat(applied).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(metrics.find("auctioneer.round.step").tag("step", "test.end-offsets").timer().count()).isEqualTo(3);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}

package io.fairauction.collector;

import io.fairauction.events.KafkaSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An idempotent {@code acks=all} producer ({@link KafkaSettings#producer}); {@link #publish} completes on the ack. */
public final class KafkaPublisher implements Publisher, AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final Duration timeout;

    public KafkaPublisher(String bootstrapServers, String clientId, Duration timeout) {
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, clientId));
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, String value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(new Failed(error.toString(), error));
                }
            });
        } catch (RuntimeException e) { // buffer full past max.block.ms, producer closed
            acked.completeExceptionally(new Failed(e.toString(), e));
        }
        return acked.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException
                        ? new Failed("no acknowledgement within " + timeout, e) : e));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

package io.fairauction.collector;

import io.fairauction.events.KafkaSettings;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An idempotent {@code acks=all} producer ({@link KafkaSettings#producer}); {@link #publish} waits for the ack. */
public final class KafkaPublisher implements Publisher, AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final Duration timeout;

    public KafkaPublisher(String bootstrapServers, String clientId, Duration timeout) {
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, clientId));
        this.timeout = timeout;
    }

    @Override
    public void publish(String topic, String key, String value) throws Failed {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Failed(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new Failed("no acknowledgement within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", e);
        } catch (RuntimeException e) {
            throw new Failed(e.toString(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

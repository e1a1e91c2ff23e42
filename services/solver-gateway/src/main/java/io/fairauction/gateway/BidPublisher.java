package io.fairauction.gateway;

import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Where the gateway's bid records go: {@link Topics#BIDS}, keyed by auction id. */
@FunctionalInterface
public interface BidPublisher {
    /**
     * Sends the record with this timestamp; the future completes when the broker acknowledged it (acks=all).
     */
    CompletableFuture<Void> publish(Event event, long timestampMillis);

    /** The publisher writing to Kafka through an idempotent producer. */
    static BidPublisher kafka(Producer<String, String> producer) {
        return (event, timestamp) -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(Topics.BIDS, null, timestamp, event.key(), EventJson.write(event)),
                        (meta, error) -> {
                            if (error == null) {
                                acked.complete(null);
                            } else {
                                acked.completeExceptionally(error);
                            }
                        });
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
            return acked;
        };
    }
}

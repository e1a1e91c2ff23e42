package io.fairauction.collector;

import java.util.concurrent.CompletableFuture;

/**
 * Writes a record; the future completes once the broker acknowledged it ({@code acks=all}) and fails with
 * {@link Failed} when it did not. Asynchronous so that concurrent requests share the producer's batches instead of
 * each holding a thread until its own ack.
 */
public interface Publisher {
    CompletableFuture<Void> publish(String topic, String key, String value);

    /** Not acknowledged: the record may or may not be written (the uid key makes a retry harmless). */
    final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

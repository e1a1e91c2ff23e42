package io.fairauction.collector;

/** Writes a record and returns once the broker acknowledged it ({@code acks=all}); throws when it did not. */
public interface Publisher {
    void publish(String topic, String key, String value) throws Failed;

    /** Not acknowledged: the record may or may not be written (the uid key makes a retry harmless). */
    final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

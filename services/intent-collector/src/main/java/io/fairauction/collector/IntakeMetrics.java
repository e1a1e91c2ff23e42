package io.fairauction.collector;

/** Where the intake reports what it did (Micrometer counters in the service, a recorder in tests). */
public interface IntakeMetrics {
    void rejected(Code code, String operation);

    void accepted(String operation);

    IntakeMetrics NONE = new IntakeMetrics() {
        @Override
        public void rejected(Code code, String operation) {
        }

        @Override
        public void accepted(String operation) {
        }
    };
}

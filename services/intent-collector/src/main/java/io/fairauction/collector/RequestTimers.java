package io.fairauction.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code collector.requests{operation,status}}: API requests from the start of their handling to the answer. One
 * bean for the controller and the submission route ({@link SubmitRoute}), so both record the same timers.
 */
@Singleton
@Requires(env = "collector")
public class RequestTimers {
    private final MeterRegistry registry;
    /** Timers by operation and status, looked up once: a registry lookup per request is measurable here. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the time since {@code startedNanos} under the operation and status. */
    public void record(String operation, int status, long startedNanos) {
        timers.computeIfAbsent(operation + " " + status, k -> Timer.builder("collector.requests")
                        .description("API requests from the controller's start on them to the answer, by operation "
                                + "and HTTP status")
                        .tag("operation", operation).tag("status", Integer.toString(status))
                        .register(registry))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}

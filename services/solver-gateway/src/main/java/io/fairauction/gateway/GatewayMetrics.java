package io.fairauction.gateway;

import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The gateway's Micrometer meters. Every answer, bid and notification is counted with its solver and code, so an
 * operator sees from {@code /prometheus} which solver misbehaves and how.
 *
 * <ul>
 *   <li>{@code gateway.auctions{outcome}}: auctions handled ({@code solved}), skipped because their deadline had
 *       passed ({@code expired}), unreadable records ({@code unreadable}), publishing failures ({@code publish-failed})</li>
 *   <li>{@code gateway.answers{solver, code}}: one per solver per auction: {@code ok} or the whole-answer rejection code</li>
 *   <li>{@code gateway.bids{solver, code}}: published bid records: {@code accepted} or the rejection code</li>
 *   <li>{@code gateway.solver.latency{solver}}: time from request to answer</li>
 *   <li>{@code gateway.notifications{solver, kind, result}}: {@code /notify} calls: {@code sent}, {@code failed}, {@code dropped}</li>
 *   <li>{@code gateway.outcomes.skipped{reason}}: outcome records not notified (other gateways' solvers, abandoned rounds)</li>
 * </ul>
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void auction(String outcome) {
        registry.counter("gateway.auctions", "outcome", outcome).increment();
    }

    public void published(Event e) {
        if (e instanceof BidAccepted a) {
            registry.counter("gateway.bids", "solver", a.solverId(), "code", "accepted").increment();
        } else if (e instanceof BidRejected r) {
            registry.counter("gateway.bids", "solver", r.solverId(), "code", r.code()).increment();
        }
    }

    public void answer(String solver, String code) {
        registry.counter("gateway.answers", "solver", solver, "code", code).increment();
    }

    public void latency(String solver, long millis) {
        Timer.builder("gateway.solver.latency").tag("solver", solver).register(registry).record(Duration.ofMillis(millis));
    }

    public void notification(String solver, String kind, String result) {
        registry.counter("gateway.notifications", "solver", solver, "kind", kind, "result", result).increment();
    }

    public void outcomeSkipped(String reason) {
        registry.counter("gateway.outcomes.skipped", "reason", reason).increment();
    }

    public void unreadable(String topic) {
        registry.counter("gateway.records.unreadable", "topic", topic).increment();
    }

    /** The count of a counter, 0 when it was never incremented (tests, health). */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}

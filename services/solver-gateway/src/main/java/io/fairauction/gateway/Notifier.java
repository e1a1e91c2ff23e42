package io.fairauction.gateway;

import io.fairauction.solverapi.Notification;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort {@code POST {endpoint}/notify} calls: asynchronous, bounded in number (above the bound a notice is
 * dropped and counted rather than queued without limit), never failing the caller. The returned future completes
 * with whether the solver acknowledged with a 2xx; it never completes exceptionally.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final SolverHttp http;
    private final GatewayMetrics metrics;
    private final Duration timeout;
    private final Semaphore inFlight;

    public Notifier(SolverHttp http, GatewayMetrics metrics, Duration timeout, int maxInFlight) {
        this.http = http;
        this.metrics = metrics;
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
    }

    public CompletableFuture<Boolean> send(SolverEndpoint solver, Notification n) {
        String kind = n.kind().wire();
        if (!inFlight.tryAcquire()) {
            metrics.notification(solver.id(), kind, "dropped");
            LOG.warn("notification to {} dropped: too many in flight (auction {}, bid {}, {})", solver.id(),
                    n.auctionId(), n.bidId().orElse("-"), kind);
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Integer> call;
        try {
            call = http.notify(solver, n, timeout);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((status, error) -> {
            inFlight.release();
            boolean ok = error == null && status / 100 == 2;
            metrics.notification(solver.id(), kind, ok ? "sent" : "failed");
            if (!ok) {
                LOG.info("notification to {} failed: {} (auction {}, bid {}, {} {})", solver.id(),
                        error == null ? "HTTP " + status : String.valueOf(error.getCause() == null ? error : error.getCause()),
                        n.auctionId(), n.bidId().orElse("-"), kind, n.code());
            }
            return ok;
        });
    }
}

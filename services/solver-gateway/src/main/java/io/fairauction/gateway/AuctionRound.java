package io.fairauction.gateway;

import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.BidRejection;
import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solverapi.WireJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auction at the gateway: the signed request goes to every solver at once, each answer is judged and published
 * as soon as it arrives, and at {@code deadline - margin} every solver still silent is published {@code late} and its
 * call cancelled. Each solver's outcome is published exactly once (whichever of its answer and the stop timer comes
 * first), so a slow, dead or hostile solver costs the others nothing and never delays the auction past its deadline.
 */
public final class AuctionRound {
    private static final Logger LOG = LoggerFactory.getLogger(AuctionRound.class);
    /** The longest the gateway waits for answers, whatever deadline an auction names (a bad clock, a bad record). */
    static final long MAX_WAIT_MILLIS = 60_000;

    private final GatewayConfig config;
    private final SolverHttp http;
    private final BidPublisher publisher;
    private final Notifier notifier;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Executor workers;

    public AuctionRound(GatewayConfig config, SolverHttp http, BidPublisher publisher, Notifier notifier,
                        GatewayMetrics metrics, ScheduledExecutorService timer, Executor workers) {
        this.config = config;
        this.http = http;
        this.publisher = publisher;
        this.notifier = notifier;
        this.metrics = metrics;
        this.timer = timer;
        this.workers = workers;
    }

    /**
     * Runs the auction; the future completes when every record of it is acknowledged by the broker (or failed to
     * publish: it then completes exceptionally). An auction whose stop time has passed is skipped: nothing is sent.
     *
     * @return empty when the auction was skipped
     */
    public Optional<CompletableFuture<Void>> run(AuctionOpened auction) {
        long now = System.currentTimeMillis();
        long stopAt = auction.deadlineMillis() - config.deadlineMarginMillis();
        long wait = Math.min(stopAt - now, MAX_WAIT_MILLIS);
        if (wait <= 0) {
            metrics.auction("expired");
            LOG.info("auction {} skipped: its deadline {} has passed or is less than {} ms away (now {})",
                    auction.auctionId(), auction.deadlineMillis(), config.deadlineMarginMillis(), now);
            return Optional.empty();
        }
        metrics.auction("solved");
        LOG.info("auction {}: {} intents sent to {} solvers, answers read for {} ms", auction.auctionId(),
                auction.auction().intents().size(), config.solvers().size(), wait);
        byte[] body = WireJson.writeRequest(new SolveRequest(auction.auction(), auction.liquidity(),
                auction.deadlineMillis(), auction.settlement(), auction.chainId()));
        BidChecks.Limits limits = AnswerJudge.limits(auction, config);
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (SolverEndpoint solver : config.solvers()) {
            published.add(ask(auction, solver, body, limits, now, wait));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
        all.whenComplete((v, error) -> {
            long done = System.currentTimeMillis();
            if (error == null) {
                LOG.info("auction {}: every record acknowledged {} ms after the auction was read, {} ms before its deadline",
                        auction.auctionId(), done - now, auction.deadlineMillis() - done);
            }
        });
        return Optional.of(all);
    }

    private CompletableFuture<Void> ask(AuctionOpened auction, SolverEndpoint solver, byte[] body,
                                        BidChecks.Limits limits, long sentAt, long wait) {
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<SolverHttp.Answer> call;
        try {
            call = http.solve(solver, body, Duration.ofMillis(wait), config.maxResponseBytes());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<SolverHttp.Answer> answer = call;
        var stop = timer.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                // Publish first: closing the solver's connection can wait.
                long now = System.currentTimeMillis();
                publish(auction, solver, List.of(AnswerJudge.late(auction.auctionId(), solver, wait, now)), done);
                metrics.answer(solver.id(), BidRejection.LATE.wire());
                answer.cancel(true);
            }
        }, wait, TimeUnit.MILLISECONDS);
        answer.whenCompleteAsync((a, error) -> {
            if (!settled.compareAndSet(false, true)) {
                return; // the stop timer published this solver as late
            }
            stop.cancel(false);
            long now = System.currentTimeMillis();
            List<Event> events;
            try {
                if (a != null) {
                    metrics.latency(solver.id(), a.receivedAtMillis() - sentAt);
                    events = AnswerJudge.judge(auction, solver, a, limits, config.maxResponseBytes(), now);
                } else {
                    events = List.of(AnswerJudge.failure(auction.auctionId(), solver, error, wait, now));
                }
            } catch (RuntimeException e) {
                LOG.error("judging the answer of {} to auction {} failed", solver.id(), auction.auctionId(), e);
                events = List.of(new BidRejected(auction.auctionId(), solver.id(), null, BidRejection.MALFORMED.wire(),
                        "the gateway could not judge the answer: " + e, now));
            }
            boolean whole = events.size() == 1 && events.get(0) instanceof BidRejected r && r.solverBidId() == null;
            metrics.answer(solver.id(), whole ? ((BidRejected) events.get(0)).code() : "ok");
            publish(auction, solver, events, done);
        }, workers);
        return done;
    }

    /**
     * Publishes one solver's records. A bid judged after the deadline itself (a pathological pause) is published
     * as a late rejection, never as accepted: no accepted bid carries a timestamp past the deadline.
     */
    private void publish(AuctionOpened auction, SolverEndpoint solver, List<Event> events, CompletableFuture<Void> done) {
        long now = System.currentTimeMillis();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        int accepted = 0;
        List<String> refused = new ArrayList<>();
        for (Event e : events) {
            Event out = e;
            if (e instanceof BidAccepted a && now > auction.deadlineMillis()) {
                out = new BidRejected(a.auctionId(), a.solverId(), a.solverBidId(), BidRejection.LATE.wire(),
                        "judged after the auction's deadline", now);
            }
            acks.add(publisher.publish(out, now));
            metrics.published(out);
            if (out instanceof BidRejected r) {
                refused.add((r.solverBidId() == null ? "*" : r.solverBidId()) + ":" + r.code());
                notifier.send(solver, new Notification(Long.toString(r.auctionId()), Optional.ofNullable(r.solverBidId()),
                        Notification.Kind.REJECTED, r.code(), r.detail(), Optional.empty()));
            } else {
                accepted++;
            }
        }
        if (refused.isEmpty()) {
            LOG.info("auction {} solver {}: {} bids accepted", auction.auctionId(), solver.id(), accepted);
        } else {
            LOG.info("auction {} solver {}: {} bids accepted, refused {}", auction.auctionId(), solver.id(), accepted, refused);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(error);
            }
        });
    }
}

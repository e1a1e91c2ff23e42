package io.fairauction.sdk;

import io.fairauction.core.model.Bid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One auction being solved: what the solver reads (the auction, the time left) and where its bids go.
 *
 * <p>Bids are kept by id: offering a bid whose id was offered before replaces it, so a solver improves a bid by
 * offering it again. Everything offered before the answer is cut is sent (after local validation); offers after
 * that are ignored and {@link #offer} returns {@code false}. Thread-safe: a solver may offer from several threads.
 */
public final class SolveContext {
    private final AuctionView auction;
    private final String solverId;
    private final long answerByMillis;
    private final LongSupplier clock;
    private final Map<String, Bid> bids = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param answerByMillis epoch millis when the runtime cuts the answer (the deadline minus the safety margin)
     * @param clock          epoch millis now
     */
    public SolveContext(AuctionView auction, String solverId, long answerByMillis, LongSupplier clock) {
        this.auction = Objects.requireNonNull(auction, "auction");
        this.solverId = Objects.requireNonNull(solverId, "solverId");
        this.answerByMillis = answerByMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A context for running a solver outside the server (tests, replay): answers are cut at {@code answerBy}. */
    public static SolveContext offline(AuctionView auction, String solverId, Instant answerBy) {
        return new SolveContext(auction, solverId, answerBy.toEpochMilli(), System::currentTimeMillis);
    }

    public AuctionView auction() {
        return auction;
    }

    /** The id the gateway knows this solver by (bids are sent under it). */
    public String solverId() {
        return solverId;
    }

    /** When the runtime answers with what it has: the auction's deadline minus the safety margin. */
    public Instant answerBy() {
        return Instant.ofEpochMilli(answerByMillis);
    }

    /** Time left before the answer is cut; zero or negative once it has been. */
    public Duration remaining() {
        return Duration.ofMillis(answerByMillis - clock.getAsLong());
    }

    /** Whether the answer has been cut (or its time has come): further offers are ignored. */
    public synchronized boolean expired() {
        return closed || clock.getAsLong() >= answerByMillis || Thread.currentThread().isInterrupted();
    }

    /** Offers a bid, replacing any earlier bid with the same id. {@code false} when the answer was already cut. */
    public synchronized boolean offer(Bid bid) {
        Objects.requireNonNull(bid, "bid");
        if (closed) {
            return false;
        }
        bids.remove(bid.id()); // a replaced bid moves to the end: answer order is the order of last improvement
        bids.put(bid.id(), bid);
        return true;
    }

    /** Offers several bids at once (all or none are taken). */
    public synchronized boolean offerAll(Collection<Bid> more) {
        if (closed) {
            return false;
        }
        more.forEach(this::offer);
        return true;
    }

    /** Withdraws an offered bid; {@code false} when there was none or the answer was already cut. */
    public synchronized boolean withdraw(String bidId) {
        return !closed && bids.remove(bidId) != null;
    }

    /** The bids offered so far, in order of last offer. */
    public synchronized List<Bid> offered() {
        return List.copyOf(bids.values());
    }

    /** Cuts the answer: no offer is taken after this. Returns the bids offered. Called by the runtime. */
    public synchronized List<Bid> close() {
        closed = true;
        return new ArrayList<>(bids.values());
    }
}

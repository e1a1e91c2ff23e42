package io.fairauction.auctioneer;

import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.CancellationRequested;
import io.fairauction.events.Event;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.SettlementRecorded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the auctioneer knows, built only from the topics, in log order: every service restart or leader change
 * rebuilds it by reading them from the beginning. Applying an event is idempotent, so reading a record twice is
 * harmless. Maps are sorted, so nothing downstream depends on hash order.
 */
final class Book {
    private final Map<String, IntentSubmitted> intents = new TreeMap<>();
    private final Map<String, IntentStatus> status = new TreeMap<>();
    private final Set<String> cancelRequested = new HashSet<>();
    private final TreeMap<Long, AuctionOpened> opened = new TreeMap<>();
    private final TreeMap<Long, AuctionClosed> closed = new TreeMap<>();
    /** Per auction, per bid id: settlement records. */
    private final TreeMap<Long, Map<String, SettlementRecorded>> settlements = new TreeMap<>();
    /** Bids of auctions not closed yet (dropped once the auction closes). */
    private final TreeMap<Long, Map<String, BidAccepted>> bids = new TreeMap<>();

    static String key(String uid) {
        return uid.toLowerCase(Locale.ROOT);
    }

    void apply(Event event) {
        if (event instanceof IntentSubmitted s) {
            intents.putIfAbsent(key(s.intent().uid()), s);
        } else if (event instanceof CancellationRequested c) {
            cancelRequested.add(key(c.uid()));
        } else if (event instanceof IntentStatus st) {
            status.put(key(st.uid()), st);
        } else if (event instanceof AuctionOpened o) {
            opened.put(o.auctionId(), o);
        } else if (event instanceof AuctionClosed c) {
            closed.put(c.auctionId(), c);
            bids.remove(c.auctionId());
        } else if (event instanceof BidAccepted b) {
            if (!closed.containsKey(b.auctionId())) {
                bids.computeIfAbsent(b.auctionId(), k -> new TreeMap<>()).put(b.bid().id(), b);
            }
        } else if (event instanceof SettlementRecorded r) {
            settlements.computeIfAbsent(r.auctionId(), k -> new TreeMap<>()).put(r.bidId(), r);
        }
        // BidRejected: for solvers and operators; the auction does not use it.
    }

    Optional<IntentSubmitted> intent(String uid) {
        return Optional.ofNullable(intents.get(key(uid)));
    }

    Optional<IntentStatus> status(String uid) {
        return Optional.ofNullable(status.get(key(uid)));
    }

    IntentStatus.State state(String uid) {
        IntentStatus s = status.get(key(uid));
        return s == null ? IntentStatus.State.OPEN : s.state();
    }

    boolean cancelRequested(String uid) {
        return cancelRequested.contains(key(uid));
    }

    /** Every known intent in uid order. */
    List<IntentSubmitted> intents() {
        return List.copyOf(intents.values());
    }

    /**
     * The intents the next auction may take: open, not cancelled, valid at least until {@code validUntil}; oldest
     * first (ties by uid), at most {@code max}.
     */
    List<Intent> auctionable(long validUntil, int max) {
        return intents.values().stream()
                .filter(s -> state(s.intent().uid()) == IntentStatus.State.OPEN)
                .filter(s -> !cancelRequested(s.intent().uid()))
                .filter(s -> s.intent().validTo() >= validUntil)
                .sorted(Comparator.comparingLong(IntentSubmitted::receivedAtMillis)
                        .thenComparing(s -> key(s.intent().uid())))
                .limit(max)
                .map(IntentSubmitted::intent)
                .toList();
    }

    long nextAuctionId() {
        return opened.isEmpty() ? 1 : opened.lastKey() + 1;
    }

    Optional<AuctionOpened> opened(long auctionId) {
        return Optional.ofNullable(opened.get(auctionId));
    }

    Optional<AuctionClosed> closed(long auctionId) {
        return Optional.ofNullable(closed.get(auctionId));
    }

    /** Auctions opened and never closed: a round an earlier leader did not finish. */
    List<AuctionOpened> unclosed() {
        List<AuctionOpened> out = new ArrayList<>();
        for (AuctionOpened o : opened.values()) {
            if (!closed.containsKey(o.auctionId())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Closed auctions whose winners do not all have a settlement record yet. */
    List<AuctionClosed> unsettled() {
        List<AuctionClosed> out = new ArrayList<>();
        for (AuctionClosed c : closed.values()) {
            Map<String, SettlementRecorded> done = settlements.getOrDefault(c.auctionId(), Map.of());
            if (c.winners().stream().anyMatch(w -> !done.containsKey(w.bid().id()))) {
                out.add(c);
            }
        }
        return out;
    }

    Optional<SettlementRecorded> settlement(long auctionId, String bidId) {
        return Optional.ofNullable(settlements.getOrDefault(auctionId, Map.of()).get(bidId));
    }

    List<BidAccepted> bids(long auctionId) {
        return List.copyOf(bids.getOrDefault(auctionId, Map.of()).values());
    }
}

package io.fairauction.auctioneer;

import io.fairauction.chain.ChainException;
import io.fairauction.chain.ContractRevert;
import io.fairauction.chain.EncodedSettlement;
import io.fairauction.chain.SettlementOutcome;
import io.fairauction.core.json.ResultJson;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.Outcome;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.Event;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentStatus.State;
import io.fairauction.events.IntentStatus.Step;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.SettlementRecorded;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a round as functions from what the {@link Book} knows to the events to publish, each list written in
 * one Kafka transaction by the caller. Nothing here touches Kafka; the chain is reached through {@link Market}.
 */
final class Rounds {
    private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

    private final Settings settings;
    private final Mechanism mechanism;
    private final MechanismOptions options;
    private final Market market;

    /**
     * @param solveWindowMillis time solvers get, from opening to deadline
     * @param validityMarginSeconds an intent enters an auction only if still valid this long after its deadline
     * @param maxIntents at most this many intents per auction (oldest first)
     */
    record Settings(long solveWindowMillis, long validityMarginSeconds, int maxIntents) {
    }

    Rounds(Settings settings, Mechanism mechanism, MechanismOptions options, Market market) {
        this.settings = settings;
        this.mechanism = mechanism;
        this.options = options;
        this.market = market;
    }

    Mechanism mechanism() {
        return mechanism;
    }

    /** Expired intents and cancellations of intents not in flight: their final statuses. */
    List<Event> housekeeping(Book book, long nowMillis, long chainTimeSeconds) {
        List<Event> out = new ArrayList<>();
        for (IntentSubmitted s : book.intents()) {
            String uid = s.intent().uid();
            if (book.state(uid) != State.OPEN) {
                continue;
            }
            if (book.cancelRequested(uid)) {
                out.add(next(book, uid, new Step(State.CANCELLED, nowMillis, null, null, null, null, null,
                        "cancelled by its owner")));
            } else if (s.intent().validTo() < chainTimeSeconds) {
                out.add(next(book, uid, new Step(State.EXPIRED, nowMillis, null, null, null, null, null,
                        "validTo " + s.intent().validTo() + " passed before it was settled")));
            }
        }
        return out;
    }

    /** The intents of the next auction (oldest first, at most the cap); empty when none is auctionable. */
    List<Intent> cut(Book book, long chainTimeSeconds) {
        long validUntil = chainTimeSeconds + (settings.solveWindowMillis() + 999) / 1000 + settings.validityMarginSeconds();
        return book.auctionable(validUntil, settings.maxIntents());
    }

    /**
     * The auction of {@code intents} priced by {@code snapshot}, and the in-auction statuses of its intents. The cut
     * and the chain read are separate steps so the caller can time them apart.
     */
    List<Event> open(Book book, List<Intent> intents, Market.Snapshot snapshot, long nowMillis) {
        long id = book.nextAuctionId();
        // Solvers get the whole window from when the auction is out, not from when the round began.
        nowMillis = Math.max(nowMillis, System.currentTimeMillis());
        long deadline = nowMillis + settings.solveWindowMillis();
        Auction auction = new Auction(Long.toString(id), snapshot.tokens(), intents, snapshot.wrappedNativeToken());
        List<Event> out = new ArrayList<>();
        out.add(new AuctionOpened(id, auction, snapshot.pools(), nowMillis, deadline, market.settlement(), market.chainId()));
        for (Intent i : intents) {
            out.add(next(book, i.uid(), new Step(State.IN_AUCTION, nowMillis, id, null, null, null, null, null)));
        }
        return out;
    }

    /**
     * {@link #open} computed before the round starts, for a round starting at {@code startMillis} on the chain state
     * of {@code chainTimeSeconds} (the latest block's time): the auction and statuses the round publishes if, at its
     * start, {@link Opening#matches} holds. Null when there is nothing to auction.
     */
    Opening opening(Book book, long startMillis, long chainTimeSeconds, java.util.function.Supplier<Market.Snapshot> snapshot) {
        List<Intent> intents = cut(book, chainTimeSeconds);
        if (intents.isEmpty()) {
            return null;
        }
        IntentStatus[] statuses = statuses(book, intents);
        long auctionId = book.nextAuctionId();
        Market.Snapshot prices = snapshot.get();
        return new Opening(chainTimeSeconds, prices, auctionId, intents, statuses, open(book, intents, prices, startMillis));
    }

    /** The auction's intents' statuses in the book, the book's own objects (null: none yet). */
    private static IntentStatus[] statuses(Book book, List<Intent> intents) {
        IntentStatus[] statuses = new IntentStatus[intents.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = book.status(intents.get(i).uid()).orElse(null);
        }
        return statuses;
    }

    /** Whether the book holds exactly these statuses of these intents (by identity: an event applied since replaces them). */
    private static boolean same(Book book, List<Intent> intents, IntentStatus[] statuses) {
        for (int i = 0; i < statuses.length; i++) {
            if (book.status(intents.get(i).uid()).orElse(null) != statuses[i]) {
                return false;
            }
        }
        return true;
    }

    /** An opening computed before its round started, and the state of the book and the chain it was computed from. */
    static final class Opening {
        private final long chainTimeSeconds;
        private final Market.Snapshot snapshot;
        private final long auctionId;
        private final List<Intent> intents;
        private final IntentStatus[] statuses;
        private final List<Event> events;

        private Opening(long chainTimeSeconds, Market.Snapshot snapshot, long auctionId, List<Intent> intents,
                        IntentStatus[] statuses, List<Event> events) {
            this.chainTimeSeconds = chainTimeSeconds;
            this.snapshot = snapshot;
            this.auctionId = auctionId;
            this.intents = intents;
            this.statuses = statuses;
            this.events = List.copyOf(events);
        }

        List<Event> events() {
            return events;
        }

        /** The pools and prices it was computed with, if the chain is still at {@code chainTimeSeconds}'s block. */
        Optional<Market.Snapshot> snapshotAt(long chainTimeSeconds) {
            return chainTimeSeconds == this.chainTimeSeconds ? Optional.of(snapshot) : Optional.empty();
        }

        /**
         * Whether a round cutting {@code cut} now, at chain time {@code chainTimeSeconds}, would publish these events
         * but for the time: the same block (so the same pools and prices), the same auction id, the same intents
         * (identical objects, in order) with the same statuses.
         */
        boolean matches(Book book, long chainTimeSeconds, List<Intent> cut) {
            if (chainTimeSeconds != this.chainTimeSeconds || book.nextAuctionId() != auctionId || cut.size() != intents.size()) {
                return false;
            }
            for (int i = 0; i < intents.size(); i++) {
                if (cut.get(i) != intents.get(i)) {
                    return false;
                }
            }
            return same(book, intents, statuses);
        }
    }

    /** Runs the mechanism on the auction's bids: the result, and won / back-to-open statuses. */
    List<Event> close(Book book, AuctionOpened opened, long nowMillis) {
        return closing(book, opened, nowMillis).events();
    }

    /**
     * {@link #close} with what it was computed from. The events depend only on the auction's bids and its intents'
     * statuses in the book (and the time given), so a closing computed early stays right for as long as
     * {@link Closing#matches} holds.
     */
    Closing closing(Book book, AuctionOpened opened, long nowMillis) {
        List<BidAccepted> accepted = book.bids(opened.auctionId());
        List<Intent> intents = opened.auction().intents();
        IntentStatus[] statuses = statuses(book, intents);
        Map<String, BidAccepted> byId = new TreeMap<>();
        accepted.forEach(b -> byId.put(b.bid().id(), b));
        List<Bid> bids = accepted.stream().map(BidAccepted::bid).toList();
        AuctionResult result = mechanism.run(new Competition(opened.auction(), bids), options);
        List<BidAccepted> winners = new ArrayList<>();
        for (String w : result.winners()) {
            winners.add(settleable(byId.get(w), opened.auction(), result));
        }
        List<Event> out = new ArrayList<>();
        out.add(new AuctionClosed(opened.auctionId(), mechanism.name(), ResultJson.toTree(result), winners,
                accepted.size(), nowMillis, false));
        Map<String, BidAccepted> winnerOf = new TreeMap<>();
        for (BidAccepted w : winners) {
            w.bid().trades().forEach(t -> winnerOf.put(Book.key(t.intent()), w));
        }
        for (Intent i : intents) {
            if (book.state(i.uid()) != State.IN_AUCTION) {
                continue;
            }
            BidAccepted w = winnerOf.get(Book.key(i.uid()));
            if (w != null) {
                Trade t = w.bid().trades().stream().filter(x -> Book.key(x.intent()).equals(Book.key(i.uid()))).findFirst().orElseThrow();
                out.add(next(book, i.uid(), new Step(State.WON, nowMillis, opened.auctionId(), w.bid().id(), null,
                        t.executedSell(), t.executedBuy(), "won by " + w.solverId())));
            } else {
                out.add(next(book, i.uid(), new Step(State.OPEN, nowMillis, opened.auctionId(), null, null, null, null,
                        accepted.isEmpty() ? "no bids in auction " + opened.auctionId() : "not won in auction " + opened.auctionId())));
            }
        }
        return new Closing(opened, accepted, statuses, List.copyOf(out));
    }

    /**
     * The events closing {@code opened}, and the bids and intent statuses of the book they were computed from (the
     * book's own objects: an event applied since replaces them).
     */
    static final class Closing {
        private final AuctionOpened opened;
        private final List<BidAccepted> bids;
        private final IntentStatus[] statuses;
        private final List<Event> events;

        private Closing(AuctionOpened opened, List<BidAccepted> bids, IntentStatus[] statuses, List<Event> events) {
            this.opened = opened;
            this.bids = bids;
            this.statuses = statuses;
            this.events = events;
        }

        List<Event> events() {
            return events;
        }

        /**
         * Whether the book still holds exactly the bids and statuses these events were computed from, so that
         * {@link Rounds#close} now (at the same time) would compute the same events. Compared by identity: a record
         * read again counts as a change, which only costs computing the closing anew.
         */
        boolean matches(Book book) {
            List<BidAccepted> now = book.bids(opened.auctionId());
            if (now.size() != bids.size()) {
                return false;
            }
            for (int i = 0; i < bids.size(); i++) {
                if (now.get(i) != bids.get(i)) {
                    return false;
                }
            }
            return same(book, opened.auction().intents(), statuses);
        }
    }

    /** A round an earlier leader opened and never closed: closed as abandoned, its intents open again. */
    List<Event> abandon(Book book, AuctionOpened opened, long nowMillis) {
        List<Event> out = new ArrayList<>();
        var empty = io.fairauction.events.EventJson.mapper().createObjectNode()
                .put("auction", opened.auction().id()).put("abandoned", true);
        out.add(new AuctionClosed(opened.auctionId(), mechanism.name(), empty, List.of(), 0, nowMillis, true));
        for (Intent i : opened.auction().intents()) {
            if (book.state(i.uid()) == State.IN_AUCTION) {
                out.add(next(book, i.uid(), new Step(State.OPEN, nowMillis, opened.auctionId(), null, null, null, null,
                        "auction " + opened.auctionId() + " abandoned by a restarted auctioneer; re-auctioned")));
            }
        }
        return out;
    }

    /**
     * Settles the winners of a closed auction that have no settlement record yet: one transaction per solver (its
     * winning bids merged, so the contract's per-auction bookkeeping and the leftover sweep see one solver). Before
     * sending, the contract is asked whether the intents are already filled (a crash after sending): then the
     * existing settlement is recorded instead of sending again.
     */
    List<Event> settle(Book book, AuctionClosed closed, long nowMillis) {
        AuctionOpened opened = book.opened(closed.auctionId()).orElseThrow();
        Map<String, List<BidAccepted>> bySolver = new TreeMap<>();
        for (BidAccepted w : closed.winners()) {
            if (book.settlement(closed.auctionId(), w.bid().id()).isEmpty()) {
                bySolver.computeIfAbsent(w.solverId(), k -> new ArrayList<>()).add(w);
            }
        }
        List<Event> out = new ArrayList<>();
        for (List<BidAccepted> group : bySolver.values()) {
            out.addAll(settleGroup(book, opened, group, nowMillis));
        }
        return out;
    }

    private List<Event> settleGroup(Book book, AuctionOpened opened, List<BidAccepted> group, long nowMillis) {
        List<String> uids = new ArrayList<>();
        group.forEach(w -> w.bid().trades().forEach(t -> uids.add(t.intent())));
        if (market.filled(uids).values().stream().anyMatch(Boolean::booleanValue)) {
            return recordExisting(book, opened, group, nowMillis);
        }
        if (group.size() > 1) {
            Attempt merged = attempt(book, opened, group, nowMillis);
            if (merged.events() != null) {
                return merged.events();
            }
            // Bids computed against the same pool state may not all fit in one transaction, and the contract takes one
            // settlement per solver and auction: keep, in rank order, each bid that still settles together with those
            // kept so far, send that one transaction, and let the rest go back to the next auction.
            LOG.info("auction {}: {}'s winning bids do not settle together ({}); keeping those that do",
                    opened.auctionId(), group.get(0).solverId(), merged.reason());
            List<BidAccepted> kept = new ArrayList<>();
            List<Event> out = new ArrayList<>();
            for (BidAccepted w : group) {
                List<BidAccepted> candidate = new ArrayList<>(kept);
                candidate.add(w);
                String why = wouldRevert(opened, candidate);
                if (why == null) {
                    kept = candidate;
                } else {
                    out.addAll(failed(book, opened, List.of(w), SettlementRecorded.Status.DROPPED, null, 0,
                            "does not settle with the solver's other winning bids: " + why, nowMillis));
                }
            }
            if (!kept.isEmpty()) {
                Attempt sent = attempt(book, opened, kept, nowMillis);
                out.addAll(sent.events() != null ? sent.events()
                        : failed(book, opened, kept, SettlementRecorded.Status.DROPPED, null, 0, sent.reason(), nowMillis));
            }
            return out;
        }
        Attempt one = attempt(book, opened, group, nowMillis);
        return one.events() != null ? one.events()
                : failed(book, opened, group, SettlementRecorded.Status.DROPPED, null, 0, one.reason(), nowMillis);
    }

    /** Why these bids, merged, would revert now; null when they would settle. */
    private String wouldRevert(AuctionOpened opened, List<BidAccepted> bids) {
        try {
            EncodedSettlement tx = market.encode(Long.toString(opened.auctionId()),
                    merge(bids.get(0).solverId(), opened.auctionId(), bids), opened.auction().intents(), bids.get(0).payout());
            return market.simulate(tx).map(ContractRevert::toString).orElse(null);
        } catch (ChainException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** The events of a settlement that was sent, or why it was not sent (it would revert). */
    private record Attempt(List<Event> events, String reason) {
    }

    private Attempt attempt(Book book, AuctionOpened opened, List<BidAccepted> group, long nowMillis) {
        List<String> uids = new ArrayList<>();
        group.forEach(w -> w.bid().trades().forEach(t -> uids.add(t.intent())));
        BidAccepted first = group.get(0);
        Bid merged = merge(first.solverId(), opened.auctionId(), group);
        EncodedSettlement tx;
        try {
            tx = market.encode(Long.toString(opened.auctionId()), merged, opened.auction().intents(), first.payout());
        } catch (ChainException e) {
            return new Attempt(null, e.code() + ": " + e.getMessage());
        }
        Optional<ContractRevert> revert = market.simulate(tx);
        if (revert.isPresent()) {
            LOG.warn("auction {}: settlement of {} would revert: {}", opened.auctionId(), first.solverId(), revert.get());
            return new Attempt(null, revert.get().toString());
        }
        SettlementOutcome outcome;
        try {
            outcome = market.submit(tx);
        } catch (ChainException e) {
            // Reverted between simulation and inclusion, or another leader settled it first: the chain decides.
            if (market.filled(uids).values().stream().anyMatch(Boolean::booleanValue)) {
                return new Attempt(recordExisting(book, opened, group, nowMillis), null);
            }
            return new Attempt(null, e.revert().map(ContractRevert::toString).orElse(e.code() + ": " + e.getMessage()));
        }
        if (!outcome.mined()) {
            return new Attempt(failed(book, opened, group, SettlementRecorded.Status.REVERTED, outcome.transactionHash(),
                    outcome.gasUsed().longValueExact(), "reverted on chain", nowMillis), null);
        }
        List<Event> out = new ArrayList<>();
        List<SettlementRecorded.ExecutedTrade> executed = outcome.trades().stream()
                .map(t -> new SettlementRecorded.ExecutedTrade(t.uid(), t.owner(), t.executedSell(), t.executedBuy()))
                .toList();
        for (BidAccepted w : group) {
            List<SettlementRecorded.ExecutedTrade> mine = executed.stream().filter(e -> w.bid().trades().stream()
                    .anyMatch(t -> Book.key(t.intent()).equals(Book.key(e.uid())))).toList();
            out.add(new SettlementRecorded(opened.auctionId(), w.bid().id(), w.solverId(), SettlementRecorded.Status.MINED,
                    outcome.transactionHash(), outcome.gasUsed().longValueExact(), mine, null, null, nowMillis));
            for (SettlementRecorded.ExecutedTrade e : mine) {
                out.add(next(book, e.uid(), new Step(State.SETTLED, nowMillis, opened.auctionId(), w.bid().id(),
                        outcome.transactionHash(), e.executedSell(), e.executedBuy(), "settled")));
            }
        }
        return new Attempt(out, null);
    }

    /** The intents were filled by a transaction this service did not record (a crash after sending): record it. */
    private List<Event> recordExisting(Book book, AuctionOpened opened, List<BidAccepted> group, long nowMillis) {
        List<Event> out = new ArrayList<>();
        for (BidAccepted w : group) {
            List<SettlementRecorded.ExecutedTrade> mine = new ArrayList<>();
            String tx = null;
            long gas = 0;
            List<String> notFilled = new ArrayList<>();
            for (Trade t : w.bid().trades()) {
                Optional<Market.Filled> f = market.filledBy(t.intent());
                if (f.isPresent()) {
                    tx = f.get().txHash();
                    gas = f.get().gasUsed();
                    mine.add(new SettlementRecorded.ExecutedTrade(t.intent(), f.get().owner(), f.get().executedSell(), f.get().executedBuy()));
                    out.add(next(book, t.intent(), new Step(State.SETTLED, nowMillis, opened.auctionId(), w.bid().id(),
                            f.get().txHash(), f.get().executedSell(), f.get().executedBuy(), "settled (found on chain)")));
                } else {
                    notFilled.add(t.intent());
                }
            }
            if (notFilled.isEmpty()) {
                out.add(new SettlementRecorded(opened.auctionId(), w.bid().id(), w.solverId(),
                        SettlementRecorded.Status.MINED, tx, gas, mine, null, null, nowMillis));
            } else {
                out.add(new SettlementRecorded(opened.auctionId(), w.bid().id(), w.solverId(),
                        SettlementRecorded.Status.DROPPED, tx, gas, mine, "some of its intents were filled elsewhere", null, nowMillis));
                for (String uid : notFilled) {
                    out.add(reopen(book, uid, opened.auctionId(), "bid could not be settled: another settlement filled part of it", nowMillis));
                }
            }
        }
        return out;
    }

    private List<Event> failed(Book book, AuctionOpened opened, List<BidAccepted> group, SettlementRecorded.Status status,
                               String tx, long gas, String reason, long nowMillis) {
        List<Event> out = new ArrayList<>();
        for (BidAccepted w : group) {
            out.add(new SettlementRecorded(opened.auctionId(), w.bid().id(), w.solverId(), status, tx, gas, List.of(),
                    reason, null, nowMillis));
            for (Trade t : w.bid().trades()) {
                out.add(reopen(book, t.intent(), opened.auctionId(), "settlement " + status.name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + reason + "; re-auctioned", nowMillis));
            }
        }
        return out;
    }

    private IntentStatus reopen(Book book, String uid, long auctionId, String note, long nowMillis) {
        return next(book, uid, new Step(State.OPEN, nowMillis, auctionId, null, null, null, null, note));
    }

    /**
     * The winning bid with the amounts the mechanism awards (the second-price mechanisms pay traders less than the
     * bid; the difference is the solver's leftover).
     */
    private static BidAccepted settleable(BidAccepted w, Auction auction, AuctionResult result) {
        List<Trade> trades = new ArrayList<>();
        for (Trade t : w.bid().trades()) {
            Outcome o = result.outcome().entrySet().stream()
                    .filter(e -> Book.key(e.getKey()).equals(Book.key(t.intent())))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            trades.add(o == null ? t : new Trade(t.intent(), o.paid(), o.amount()));
        }
        Bid bid = new Bid(w.bid().id(), w.bid().solver(), trades, w.bid().interactions());
        return new BidAccepted(w.auctionId(), w.solverId(), w.solverBidId(), w.payout(), bid, w.receivedAtMillis());
    }

    static Bid merge(String solverId, long auctionId, List<BidAccepted> group) {
        if (group.size() == 1) {
            return group.get(0).bid();
        }
        List<Trade> trades = new ArrayList<>();
        List<Interaction> interactions = new ArrayList<>();
        for (BidAccepted w : group) {
            trades.addAll(w.bid().trades());
            interactions.addAll(w.bid().interactions());
        }
        return new Bid(solverId + "@" + auctionId, solverId, trades, interactions);
    }

    /** The intent's status after {@code step}; the first status of an intent starts its history with its acceptance. */
    static IntentStatus next(Book book, String uid, Step step) {
        IntentStatus current = book.status(uid).orElseGet(() -> {
            long at = book.intent(uid).map(IntentSubmitted::receivedAtMillis).orElse(step.atMillis());
            String declared = book.intent(uid).map(s -> s.intent().uid()).orElse(uid);
            return new IntentStatus(declared, State.OPEN,
                    List.of(new Step(State.OPEN, at, null, null, null, null, null, "accepted")));
        });
        if (step.state() == State.IN_AUCTION) {
            current = unwonAuctionsSummed(current);
        }
        return current.then(step);
    }

    /** The note of a step that sums up consecutive auctions an intent was in and did not win. */
    private static final java.util.regex.Pattern UNWON = java.util.regex.Pattern.compile("not won in (\\d+) auctions?, (\\d+) to (\\d+)");

    /**
     * An open intent is auctioned every period, and each status record carries the whole history: with two steps per
     * auction it did not win, the record (written, and read by every reader, each time the intent enters an auction)
     * would grow without bound. So before it enters the next auction, its last in-auction / not-won pair is folded
     * into one step counting the consecutive auctions it did not win ("not won in 12 auctions, 3 to 14"); which
     * auctions and bids those were stays in the auctions and results topics. Any other step is kept as it is.
     */
    static IntentStatus unwonAuctionsSummed(IntentStatus status) {
        List<Step> h = status.history();
        int n = h.size();
        if (n < 2) {
            return status;
        }
        Step in = h.get(n - 2);
        Step out = h.get(n - 1);
        boolean unwon = in.state() == State.IN_AUCTION && out.state() == State.OPEN && out.bidId() == null
                && in.auctionId() != null && in.auctionId().equals(out.auctionId()) && out.note() != null
                && (out.note().startsWith("not won in auction ") || out.note().startsWith("no bids in auction "));
        if (!unwon) {
            return status;
        }
        long count = 1;
        long first = in.auctionId();
        int keep = n - 2;
        if (keep >= 1 && h.get(keep - 1).state() == State.OPEN && h.get(keep - 1).note() != null) {
            java.util.regex.Matcher m = UNWON.matcher(h.get(keep - 1).note());
            if (m.matches()) {
                count += Long.parseLong(m.group(1));
                first = Long.parseLong(m.group(2));
                keep--;
            }
        }
        List<Step> folded = new ArrayList<>(h.subList(0, keep));
        folded.add(new Step(State.OPEN, out.atMillis(), out.auctionId(), null, null, null, null,
                "not won in " + count + (count == 1 ? " auction, " : " auctions, ") + first + " to " + out.auctionId()));
        return new IntentStatus(status.uid(), status.state(), folded);
    }

}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;
import io.fairauction.core.result.FilterCode;
import io.fairauction.core.result.Filtered;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * First phase of every mechanism: checks each bid against the auction and scores it. A bid that is unusable
 * (no trades, unknown or repeated intent, bad amount, limit violated, score not computable) takes no part and
 * is reported with its code; nothing a solver sends can make screening fail as a whole.
 */
public final class Screening {
    private Screening() {
    }

    /** The outcome of screening: usable bids in canonical order (rank order) and the rest with why. */
    public record Screened(Auction auction, List<ScoredBid> valid, SortedMap<String, Filtered> filtered,
                           TieBreak tieBreak) {
        public Screened {
            valid = List.copyOf(valid);
            filtered = new TreeMap<>(filtered);
        }

        /** A copy where the given bids are moved from {@code valid} to {@code filtered}. */
        public Screened without(Map<String, Filtered> removed) {
            if (removed.isEmpty()) {
                return this;
            }
            List<ScoredBid> kept = valid.stream().filter(b -> !removed.containsKey(b.id())).toList();
            SortedMap<String, Filtered> f = new TreeMap<>(filtered);
            f.putAll(removed);
            return new Screened(auction, kept, f, tieBreak);
        }

        public Map<String, BigInteger> scores() {
            Map<String, BigInteger> scores = new LinkedHashMap<>();
            valid.forEach(b -> scores.put(b.id(), b.score()));
            return scores;
        }
    }

    public static Screened screen(Competition competition) {
        Auction auction = competition.auction();
        Intents intents = new Intents(auction);
        TieBreak tieBreak = TieBreak.of(competition);

        List<ScoredBid> valid = new ArrayList<>();
        SortedMap<String, Filtered> filtered = new TreeMap<>();
        for (Bid bid : competition.bids()) {
            Object r = screen(bid, auction, intents, tieBreak);
            if (r instanceof Filtered f) {
                filtered.put(bid.id(), f);
            } else {
                valid.add((ScoredBid) r);
            }
        }
        valid.sort(ScoredBid::byRank);
        return new Screened(auction, valid, filtered, tieBreak);
    }

    /** The auction's intents in canonical order: by lower-case uid, whatever order they were listed in. */
    static List<Intent> canonicalOrder(Auction auction) {
        Map<Intent, String> key = new java.util.IdentityHashMap<>();
        auction.intents().forEach(i -> key.put(i, Hex.canonical(i.uid())));
        List<Intent> sorted = new ArrayList<>(auction.intents());
        sorted.sort(Comparator.comparing(key::get));
        return sorted;
    }

    /** The auction's intents by uid, and each one's rank in canonical (lower-case uid) order. */
    private static final class Intents {
        private final Map<String, Integer> byUid = new HashMap<>();
        private final Map<String, Integer> byCanonicalUid = new HashMap<>();
        private final List<Intent> inRankOrder;

        Intents(Auction auction) {
            inRankOrder = canonicalOrder(auction);
            for (int k = 0; k < inRankOrder.size(); k++) {
                byUid.put(inRankOrder.get(k).uid(), k);
                byCanonicalUid.put(Hex.canonical(inRankOrder.get(k).uid()), k);
            }
        }

        /** The intent's rank, or -1 when the auction has no such intent (uids compare without letter case). */
        int rank(String uid) {
            Integer k = byUid.get(uid); // the parser already resolved trades to the declared spelling
            if (k == null) {
                k = byCanonicalUid.get(Hex.canonical(uid));
            }
            return k == null ? -1 : k;
        }

        Intent get(int rank) {
            return inRankOrder.get(rank);
        }
    }

    private static Object screen(Bid bid, Auction auction, Intents intents, TieBreak tieBreak) {
        if (bid.trades().isEmpty()) {
            return new Filtered(FilterCode.EMPTY, null, "the bid settles no intent");
        }
        // Canonical order, so the reason reported for a bid with several bad trades does not depend on their order.
        int n = bid.trades().size();
        int[] rank = new int[n];
        String unknown = null;
        for (int k = 0; k < n; k++) {
            Trade t = bid.trades().get(k);
            rank[k] = intents.rank(t.intent());
            if (rank[k] < 0 && (unknown == null || Hex.canonical(t.intent()).compareTo(Hex.canonical(unknown)) < 0)) {
                unknown = t.intent();
            }
        }
        if (unknown != null) {
            return new Filtered(FilterCode.UNKNOWN_INTENT, unknown, "intent " + unknown + " is not in auction " + auction.id());
        }
        List<Integer> order = rankOrder(bid, rank);
        List<Trade> trades = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int k = order.get(j);
            if (j > 0 && rank[k] == rank[order.get(j - 1)]) {
                Trade t = bid.trades().get(k);
                return new Filtered(FilterCode.DUPLICATE_INTENT, t.intent(), "intent " + t.intent() + " appears more than once");
            }
            trades.add(bid.trades().get(k));
        }
        for (Trade t : trades) {
            for (BigInteger amount : List.of(t.executedSell(), t.executedBuy())) {
                if (!U256.isPositive(amount)) {
                    String what = amount.signum() <= 0 ? (amount.signum() == 0 ? "zero" : "negative") : "above 2^256-1";
                    return new Filtered(FilterCode.BAD_AMOUNT, t.intent(), "executed amount is " + what);
                }
            }
        }
        List<ScoredTrade> scored = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (int j = 0; j < n; j++) {
            Trade t = trades.get(j);
            Intent intent = intents.get(rank[order.get(j)]);
            if (intent.side() == Side.SELL && !t.executedSell().equals(intent.sellAmount())) {
                return new Filtered(FilterCode.AMOUNT_MISMATCH, intent.uid(),
                        "executedSell " + t.executedSell() + " != sellAmount " + intent.sellAmount() + " (fill-or-kill sell)");
            }
            if (intent.side() == Side.BUY && !t.executedBuy().equals(intent.buyAmount())) {
                return new Filtered(FilterCode.AMOUNT_MISMATCH, intent.uid(),
                        "executedBuy " + t.executedBuy() + " != buyAmount " + intent.buyAmount() + " (fill-or-kill buy)");
            }
            if (intent.side() == Side.SELL && t.executedBuy().compareTo(intent.buyAmount()) < 0) {
                return new Filtered(FilterCode.LIMIT_VIOLATED, intent.uid(),
                        "executedBuy " + t.executedBuy() + " < limit buyAmount " + intent.buyAmount());
            }
            if (intent.side() == Side.BUY && t.executedSell().compareTo(intent.sellAmount()) > 0) {
                return new Filtered(FilterCode.LIMIT_VIOLATED, intent.uid(),
                        "executedSell " + t.executedSell() + " > limit sellAmount " + intent.sellAmount());
            }
            BigInteger price = auction.token(intent.buyToken()).orElseThrow().nativePrice();
            BigInteger score;
            try {
                score = Scoring.tradeScore(intent, t.executedSell(), t.executedBuy(), price);
            } catch (U256.ArithmeticFault e) {
                return new Filtered(FilterCode.OVERFLOW, intent.uid(), "score not computable in 256 bits: " + e.getMessage());
            }
            scored.add(new ScoredTrade(intent, t.executedSell(), t.executedBuy(), score));
            total = U256.saturatingAdd(total, score);
        }
        return new ScoredBid(bid, scored, total, tieBreak.bidKey(bid.id()));
    }

    /**
     * The bid's trade positions by intent rank, then executed sell and buy amounts. Ranks are distinct unless an
     * intent repeats, so they are sorted as primitives first; only a bid with a repeated intent (filtered as a
     * duplicate) needs the amounts to order its trades.
     */
    static List<Integer> rankOrder(Bid bid, int[] rank) {
        int n = rank.length;
        long[] keyed = new long[n];
        for (int k = 0; k < n; k++) {
            keyed[k] = ((long) rank[k] << 32) | k;
        }
        java.util.Arrays.sort(keyed);
        List<Integer> order = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            if (j > 0 && (keyed[j] >>> 32) == (keyed[j - 1] >>> 32)) {
                return rankOrderWithAmounts(bid, rank);
            }
            order.add((int) keyed[j]);
        }
        return order;
    }

    /** {@link #rankOrder} by comparator: the order for a bid with a repeated intent. */
    static List<Integer> rankOrderWithAmounts(Bid bid, int[] rank) {
        List<Integer> order = new ArrayList<>(rank.length);
        for (int k = 0; k < rank.length; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingInt((Integer k) -> rank[k])
                .thenComparing(k -> bid.trades().get(k).executedSell())
                .thenComparing(k -> bid.trades().get(k).executedBuy()));
        return order;
    }

    /**
     * Keeps each solver's best {@code maxBidsPerSolver} bids (rank order) and filters the rest as over the cap.
     * A cap of 0 means no cap.
     */
    public static Screened capBidsPerSolver(Screened s, int maxBidsPerSolver) {
        if (maxBidsPerSolver <= 0) {
            return s;
        }
        Map<String, Integer> count = new HashMap<>();
        Map<String, Filtered> over = new LinkedHashMap<>();
        for (ScoredBid b : s.valid()) { // already in rank order
            int n = count.merge(b.solver(), 1, Integer::sum);
            if (n > maxBidsPerSolver) {
                over.put(b.id(), new Filtered(FilterCode.OVER_CAP, null,
                        "solver " + b.solver() + " is capped at " + maxBidsPerSolver + " bids; this is its #" + n));
            }
        }
        return s.without(over);
    }
}

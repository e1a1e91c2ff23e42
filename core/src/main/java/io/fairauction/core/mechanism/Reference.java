package io.fairauction.core.mechanism;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference outcome of one intent: what its trader would get if it were auctioned on its own, from the
 * individual bids alone. For a sell intent the amount is in the buy token (higher is better); for a buy intent
 * it is in the sell token (lower is better).
 *
 * @param amount the reference amount; the intent's limit when no individual bid sets it
 * @param setBy  the solvers whose individual bids equal the reference; empty when it is the limit
 */
public record Reference(Intent intent, BigInteger amount, SortedSet<String> setBy) {

    public Reference {
        setBy = Collections.unmodifiableSortedSet(new TreeSet<>(setBy));
    }

    public boolean isLimit() {
        return setBy.isEmpty();
    }

    /** Whether {@code a} is strictly better for the trader than {@code b}. */
    static boolean better(Side side, BigInteger a, BigInteger b) {
        return side == Side.SELL ? a.compareTo(b) > 0 : a.compareTo(b) < 0;
    }

    /**
     * First-price reference (the paper's Definition 4): per intent, the best individual bid.
     */
    public static Map<String, Reference> firstPrice(Auction auction, List<ScoredBid> bids) {
        Map<String, Reference> refs = new TreeMap<>();
        Map<String, Map<String, BigInteger>> best = bestPerSolver(bids);
        for (Intent intent : auction.intents()) {
            List<Map.Entry<String, BigInteger>> ranked = ranked(intent, best.get(intent.uid()));
            if (ranked.isEmpty()) {
                refs.put(intent.uid(), new Reference(intent, intent.limitAmount(), new TreeSet<>()));
                continue;
            }
            BigInteger top = ranked.get(0).getValue();
            refs.put(intent.uid(), new Reference(intent, top, solversAt(ranked, top)));
        }
        return refs;
    }

    /**
     * Second-price reference (paper section 5.1): per intent, the second-best individual bid, counting each
     * solver's best bid once so that no solver can raise the bar for rivals' batched bids with a second bid of
     * its own. The limit when fewer than two solvers bid individually.
     */
    public static Map<String, Reference> secondPrice(Auction auction, List<ScoredBid> bids) {
        Map<String, Reference> refs = new TreeMap<>();
        Map<String, Map<String, BigInteger>> best = bestPerSolver(bids);
        for (Intent intent : auction.intents()) {
            List<Map.Entry<String, BigInteger>> ranked = ranked(intent, best.get(intent.uid()));
            if (ranked.size() < 2) {
                refs.put(intent.uid(), new Reference(intent, intent.limitAmount(), new TreeSet<>()));
                continue;
            }
            BigInteger second = ranked.get(1).getValue();
            refs.put(intent.uid(), new Reference(intent, second, solversAt(ranked, second)));
        }
        return refs;
    }

    /**
     * What the trader of {@code intent} receives (sell) or pays (buy) when an individual bid of {@code winner}
     * wins it in a second-price auction: the best bid of any other solver, never better than the winner's own
     * bid (a solver cannot be made to deliver more than it bid) and never worse than the limit.
     */
    public static BigInteger secondPricePayment(Intent intent, ScoredTrade winningTrade, String winner, List<ScoredBid> bids) {
        BigInteger own = winningTrade.limitSideAmount();
        BigInteger bestOther = null;
        for (ScoredBid b : bids) {
            if (b.isBatched() || b.solver().equals(winner)) {
                continue;
            }
            ScoredTrade t = b.trade(intent.uid());
            if (t != null && (bestOther == null || better(intent.side(), t.limitSideAmount(), bestOther))) {
                bestOther = t.limitSideAmount();
            }
        }
        if (bestOther == null) {
            return intent.limitAmount();
        }
        return better(intent.side(), bestOther, own) ? own : bestOther;
    }

    private static Map<String, Map<String, BigInteger>> bestPerSolver(List<ScoredBid> bids) {
        Map<String, Map<String, BigInteger>> best = new HashMap<>();
        for (ScoredBid b : bids) {
            if (b.isBatched()) {
                continue;
            }
            ScoredTrade t = b.trades().get(0);
            best.computeIfAbsent(t.intent().uid(), k -> new HashMap<>())
                    .merge(b.solver(), t.limitSideAmount(), (x, y) -> better(t.intent().side(), y, x) ? y : x);
        }
        return best;
    }

    private static List<Map.Entry<String, BigInteger>> ranked(Intent intent, Map<String, BigInteger> perSolver) {
        List<Map.Entry<String, BigInteger>> ranked = new ArrayList<>(perSolver == null ? Map.<String, BigInteger>of().entrySet() : perSolver.entrySet());
        ranked.sort((a, b) -> {
            if (better(intent.side(), a.getValue(), b.getValue())) {
                return -1;
            }
            if (better(intent.side(), b.getValue(), a.getValue())) {
                return 1;
            }
            return a.getKey().compareTo(b.getKey());
        });
        return ranked;
    }

    private static SortedSet<String> solversAt(List<Map.Entry<String, BigInteger>> ranked, BigInteger amount) {
        SortedSet<String> s = new TreeSet<>();
        ranked.stream().filter(e -> e.getValue().equals(amount)).forEach(e -> s.add(e.getKey()));
        return s;
    }
}

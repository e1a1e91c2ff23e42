package io.fairauction.core.mechanism;

import io.fairauction.core.model.Side;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.result.Outcome;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The last phase shared by every mechanism: from winners and payments to an {@link AuctionResult}. */
final class ResultAssembly {
    private ResultAssembly() {
    }

    /**
     * @param scored     every bid whose score could be computed, filtered later or not
     * @param filtered   every bid that took no part, with why
     * @param payment    for a winning trade, what the trader receives (sell) or pays (buy) on the limit side;
     *                   first price is the bid's own amount
     */
    static AuctionResult assemble(String mechanism, Screening.Screened screened, Map<String, BigInteger> scored,
                                  Map<String, Filtered> filtered, Map<String, Reference> references,
                                  List<ScoredBid> winners, BiFunction<ScoredBid, ScoredTrade, BigInteger> payment,
                                  SortedMap<String, BigInteger> referenceScores, boolean optimal, BigInteger gap,
                                  long startNanos) {
        List<ScoredBid> ranked = new ArrayList<>(winners);
        ranked.sort(ScoredBid::byRank);
        SortedMap<String, BigInteger> reference = new TreeMap<>();
        SortedMap<String, SortedSet<String>> setBy = new TreeMap<>();
        references.forEach((uid, r) -> {
            reference.put(uid, r.amount());
            setBy.put(uid, r.setBy());
        });
        SortedMap<String, Outcome> outcome = new TreeMap<>();
        BigInteger total = BigInteger.ZERO;
        for (ScoredBid w : ranked) {
            total = total.add(w.score());
            for (ScoredTrade t : w.trades()) {
                BigInteger paid = t.executedSell();
                BigInteger received = t.executedBuy();
                BigInteger limitSide = payment.apply(w, t);
                if (t.intent().side() == Side.SELL) {
                    received = limitSide;
                } else {
                    paid = limitSide;
                }
                outcome.put(t.intent().uid(), new Outcome(w.id(), w.solver(), received, paid));
            }
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return new AuctionResult(screened.auction().id(), mechanism, ranked.stream().map(ScoredBid::id).toList(),
                new TreeMap<>(filtered), new TreeMap<>(scored), reference, setBy, outcome, total, referenceScores,
                optimal, gap, millis);
    }

    /** First price: the trader gets exactly what the winning bid promised. */
    static BigInteger firstPrice(ScoredBid bid, ScoredTrade trade) {
        return trade.limitSideAmount();
    }
}

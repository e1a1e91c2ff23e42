package io.fairauction.core.mechanism;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Hex;

import java.math.BigInteger;
import java.util.List;

/**
 * A bid that passed screening: every trade resolved, within limits and scored.
 *
 * @param tieKey the bid's tie-break key (see {@link TieBreak}): among equal scores, the higher key ranks first
 */
public record ScoredBid(Bid bid, List<ScoredTrade> trades, BigInteger score, BigInteger tieKey) {
    public ScoredBid {
        trades = List.copyOf(trades);
    }

    public String id() {
        return bid.id();
    }

    public String solver() {
        return bid.solver();
    }

    public boolean isBatched() {
        return trades.size() >= 2;
    }

    /** The trade on this intent, or null. */
    public ScoredTrade trade(String intentUid) {
        for (ScoredTrade t : trades) {
            if (Hex.same(t.intent().uid(), intentUid)) {
                return t;
            }
        }
        return null;
    }

    /** Rank order used wherever bids are walked by score: score descending, then tie key descending. */
    public static int byRank(ScoredBid a, ScoredBid b) {
        int c = b.score.compareTo(a.score);
        return c != 0 ? c : b.tieKey.compareTo(a.tieKey);
    }
}

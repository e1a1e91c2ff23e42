package io.fairauction.devnet;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Re-checks, from the recorded auctions and bids alone, that every winning batched bid passed the fairness filter
 * (DESIGN.md section 3, first-price reference): written again here, independently of core's implementation, so the
 * devnet's "fairness violations" figure is a check on core, not a restatement of it.
 */
final class FairnessAudit {
    private FairnessAudit() {
    }

    /** Human-readable violations; empty when every winning batched bid is fair. */
    static List<String> violations(AuctionOpened auction, List<BidAccepted> bids, AuctionClosed closed) {
        Map<String, Intent> intents = new HashMap<>();
        auction.auction().intents().forEach(i -> intents.put(key(i.uid()), i));
        // Reference: the best individual bid per intent (highest received for sells, lowest paid for buys).
        Map<String, BigInteger> ref = new HashMap<>();
        Map<String, Set<String>> setBy = new HashMap<>();
        for (BidAccepted b : bids) {
            if (b.bid().trades().size() != 1) {
                continue;
            }
            Trade t = b.bid().trades().get(0);
            Intent i = intents.get(key(t.intent()));
            if (i == null) {
                continue;
            }
            BigInteger v = i.side() == Side.SELL ? t.executedBuy() : t.executedSell();
            BigInteger cur = ref.get(key(t.intent()));
            int cmp = cur == null ? 1 : (i.side() == Side.SELL ? v.compareTo(cur) : cur.compareTo(v));
            if (cmp > 0) {
                ref.put(key(t.intent()), v);
                setBy.put(key(t.intent()), new HashSet<>(Set.of(b.solverId())));
            } else if (cmp == 0) {
                setBy.get(key(t.intent())).add(b.solverId());
            }
        }
        List<String> out = new ArrayList<>();
        for (BidAccepted w : closed.winners()) {
            if (w.bid().trades().size() < 2) {
                continue;
            }
            Map<String, Trade> original = new HashMap<>();
            bids.stream().filter(b -> b.bid().id().equals(w.bid().id())).findFirst()
                    .ifPresent(b -> b.bid().trades().forEach(t -> original.put(key(t.intent()), t)));
            for (Trade t : w.bid().trades()) {
                Intent i = intents.get(key(t.intent()));
                Trade sent = original.getOrDefault(key(t.intent()), t);
                BigInteger r = ref.get(key(t.intent()));
                if (i == null || r == null) {
                    continue; // No individual bid: the reference is the limit, which screening enforces.
                }
                boolean own = setBy.get(key(t.intent())).contains(w.solverId());
                int cmp = i.side() == Side.SELL ? sent.executedBuy().compareTo(r) : r.compareTo(sent.executedSell());
                if (cmp < 0 || (cmp == 0 && !own)) {
                    out.add("auction " + closed.auctionId() + ": batched bid " + w.bid().id() + " gives intent " + t.intent()
                            + (i.side() == Side.SELL ? " " + sent.executedBuy() : " a payment of " + sent.executedSell())
                            + " against reference " + r + (own ? "" : " set by a rival"));
                }
            }
        }
        return out;
    }

    private static String key(String uid) {
        return uid.toLowerCase(Locale.ROOT);
    }
}

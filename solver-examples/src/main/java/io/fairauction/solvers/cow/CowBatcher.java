package io.fairauction.solvers.cow;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.sdk.AuctionView;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.SolveContext;
import io.fairauction.sdk.Solver;
import io.fairauction.solvers.amm.AmmRouter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The coincidence-of-wants batcher. First it offers an individual bid per intent, routed like the
 * {@link AmmRouter} (so it sets references of its own and wins intents nobody matches); then, per token pair with
 * sell intents in both directions, a batched bid that matches them directly and routes only the net remainder
 * ({@link CowMatch}).
 *
 * <p>A batched bid only survives the fairness filter when every trader in it does strictly better than the best
 * rival individual bid, which for a pool router is about what the pool pays alone. The batcher checks each trader
 * against its own pool-alone amount and, while one falls short, leaves out the largest trader of the heavier side
 * (the one that pays the most pool fee and impact) and matches again. Buy intents get individual bids only.
 *
 * @param slippageBps room left on every pool swap for reserves that move before settlement (as the router)
 */
public record CowBatcher(int slippageBps) implements Solver {
    public static final CowBatcher DEFAULT = new CowBatcher(AmmRouter.DEFAULT.slippageBps());

    public CowBatcher() {
        this(DEFAULT.slippageBps);
    }

    @Override
    public void solve(SolveContext context) {
        AuctionView auction = context.auction();
        List<Intent> intents = new ArrayList<>(auction.intents());
        intents.sort(Comparator.comparing(i -> i.uid().toLowerCase(Locale.ROOT)));
        Map<String, BigInteger> alone = new HashMap<>();
        for (Intent intent : intents) {
            if (context.expired()) {
                return;
            }
            AmmRouter.route(intent, Liquidity.of(auction), slippageBps).ifPresent(r -> {
                alone.put(intent.uid(), r.intent().side() == Side.SELL ? r.trade().executedBuy() : r.trade().executedSell());
                context.offer(Bids.individual("amm-" + intent.uid(), r.trade(), r.route().interactions(auction.settlement())));
            });
        }
        // Pairs in a fixed order: lower address first.
        Map<String, List<Intent>> byDirection = new TreeMap<>();
        for (Intent i : intents) {
            if (i.side() == Side.SELL) {
                byDirection.computeIfAbsent(key(i.sellToken(), i.buyToken()), k -> new ArrayList<>()).add(i);
            }
        }
        int n = 0;
        for (Map.Entry<String, List<Intent>> e : byDirection.entrySet()) {
            if (context.expired()) {
                return;
            }
            Intent first = e.getValue().get(0);
            String x = first.sellToken();
            String y = first.buyToken();
            if (Hex.canonical(x).compareTo(Hex.canonical(y)) > 0) {
                continue; // each pair once, from its lower token
            }
            List<Intent> opposite = byDirection.get(key(y, x));
            if (opposite == null) {
                continue;
            }
            Optional<CowMatch> match = fairMatch(auction, x, y, new ArrayList<>(e.getValue()), new ArrayList<>(opposite), alone);
            if (match.isPresent() && match.get().trades().size() >= 2) {
                context.offer(Bids.bid("cow-" + n++).interactions(match.get().interactions())
                        .trades(match.get().trades()).build());
            }
        }
    }

    private Optional<CowMatch> fairMatch(AuctionView auction, String x, String y, List<Intent> xs, List<Intent> ys,
                                         Map<String, BigInteger> alone) {
        while (!xs.isEmpty() && !ys.isEmpty()) {
            Optional<CowMatch> m = CowMatch.match(Liquidity.of(auction), x, y, xs, ys, slippageBps, auction.settlement());
            if (m.isEmpty()) {
                return m;
            }
            Trade worst = m.get().trades().stream()
                    .filter(t -> alone.containsKey(t.intent()) && t.executedBuy().compareTo(alone.get(t.intent())) <= 0)
                    .findFirst().orElse(null);
            if (worst == null) {
                return m;
            }
            // Leave out the largest seller of the side that falls short, and match again.
            List<Intent> side = xs.stream().anyMatch(i -> i.uid().equals(worst.intent())) ? xs : ys;
            side.remove(side.stream().max(Comparator.comparing(Intent::sellAmount).thenComparing(Intent::uid)).orElseThrow());
        }
        return Optional.empty();
    }

    private static String key(String sell, String buy) {
        return Hex.canonical(sell) + ">" + Hex.canonical(buy);
    }

    /** Runs the batcher as a server: {@code --port N --id ID --secret S}. */
    public static void main(String[] args) throws Exception {
        io.fairauction.solvers.ExampleSolvers.main(io.fairauction.solvers.ExampleSolvers.withName("cow-batcher", args));
    }
}

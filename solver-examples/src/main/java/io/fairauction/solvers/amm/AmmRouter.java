package io.fairauction.solvers.amm;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.sdk.AuctionView;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.Route;
import io.fairauction.sdk.SolveContext;
import io.fairauction.sdk.Solver;
import io.fairauction.sdk.Swap;
import io.fairauction.sdk.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The AMM router: one individual bid per intent, routed through the deployment's constant-product pools (direct or
 * through one middle token, whichever pays more), with amounts from the pools' exact integer formula.
 *
 * <p>Each individual bid is priced on the reserves the auction was cut with: they are alternatives (each settles in
 * its own transaction), so they must not assume each other. To survive another winner on the same pool settling
 * first, the bid asks the pools for {@code slippageBps} less than they pay now (sell intents) or pays in that much
 * more (buy intents); with 0 the bid is exact and settles only on unchanged reserves. With {@code batchAll} the
 * router also offers one batched bid of all its routes, priced one after the other on the same reserves (they run
 * in one transaction, so there they do account for each other).
 *
 * @param slippageBps what each route leaves for reserves that move before it settles, in basis points
 * @param batchAll    whether to offer the all-routes batched bid too
 */
public record AmmRouter(int slippageBps, boolean batchAll) implements Solver {
    /** A router with 0.1% slippage room and individual bids only. */
    public static final AmmRouter DEFAULT = new AmmRouter(10, false);

    public AmmRouter {
        if (slippageBps < 0 || slippageBps >= 10_000) {
            throw new IllegalArgumentException("slippageBps must be in 0..9999");
        }
    }

    public AmmRouter() {
        this(DEFAULT.slippageBps, DEFAULT.batchAll);
    }

    @Override
    public void solve(SolveContext context) {
        AuctionView auction = context.auction();
        List<Intent> intents = new ArrayList<>(auction.intents());
        intents.sort(Comparator.comparing(i -> i.uid().toLowerCase(java.util.Locale.ROOT)));
        for (Intent intent : intents) {
            if (context.expired()) {
                return;
            }
            route(intent, Liquidity.of(auction), slippageBps).ifPresent(r ->
                    context.offer(Bids.individual("amm-" + intent.uid(), r.trade(), r.route().interactions(auction.settlement()))));
        }
        if (batchAll) {
            Liquidity shared = Liquidity.of(auction);
            Bids.Builder batch = Bids.bid("amm-all");
            int n = 0;
            for (Intent intent : intents) {
                Optional<Routed> r = route(intent, shared, slippageBps);
                if (r.isPresent()) {
                    batch.trade(r.get().trade()).interactions(r.get().route().interactions(auction.settlement()));
                    n++;
                }
            }
            if (n >= 2) {
                context.offer(batch.build());
            }
        }
    }

    /** An intent filled through a route: the trade the trader gets and the swaps that pay for it. */
    public record Routed(Intent intent, io.fairauction.core.model.Trade trade, Route route) {
    }

    /**
     * Routes one intent on {@code liquidity} and applies the route to it. Sell intents: the whole sell amount in,
     * the trader gets the route's output less the slippage room. Buy intents: the exact buy amount out, the trader
     * pays the least input plus the slippage room. Empty when no route meets the intent's limit.
     */
    public static Optional<Routed> route(Intent intent, Liquidity liquidity, int slippageBps) {
        BigInteger keep = BigInteger.valueOf(10_000L - slippageBps);
        BigInteger bps = BigInteger.valueOf(10_000);
        if (intent.side() == Side.SELL) {
            Optional<Route> slipped = exactIn(liquidity, intent.sellToken(), intent.buyToken(), intent.sellAmount(), slippageBps);
            if (slipped.isEmpty() || !Bids.withinLimit(intent, slipped.get().amountOut())) {
                return Optional.empty();
            }
            liquidity.apply(slipped.get());
            return Optional.of(new Routed(intent, Bids.fill(intent, slipped.get().amountOut()), slipped.get()));
        }
        Optional<Route> best = liquidity.bestExactOut(intent.sellToken(), intent.buyToken(), intent.buyAmount());
        if (best.isEmpty()) {
            return Optional.empty();
        }
        // Backwards from the exact output: every hop pays its pool the room more than the pool needs now.
        List<Swap> hops = new ArrayList<>();
        BigInteger out = intent.buyAmount();
        List<Swap> exactHops = best.get().hops();
        for (int k = exactHops.size() - 1; k >= 0; k--) {
            Swap exact = exactHops.get(k);
            BigInteger needed = Swap.exactOut(exact.pool(), exact.tokenIn(), out).amountIn();
            BigInteger paid = Uint256.mulDivUp(needed, bps, keep);
            hops.add(0, new Swap(exact.pool(), exact.tokenIn(), paid, out));
            out = paid;
        }
        Route route = new Route(hops);
        if (!Bids.withinLimit(intent, route.amountIn())) {
            return Optional.empty();
        }
        liquidity.apply(route);
        return Optional.of(new Routed(intent, Bids.fill(intent, route.amountIn()), route));
    }

    /**
     * The best route for {@code amountIn} on {@code liquidity} (not applied), every hop asking its pool for
     * {@code slippageBps} less than the pool pays now, so that moved reserves still pay. Empty when no route pays.
     */
    public static Optional<Route> exactIn(Liquidity liquidity, String tokenIn, String tokenOut, BigInteger amountIn,
                                          int slippageBps) {
        Optional<Route> best = liquidity.bestExactIn(tokenIn, tokenOut, amountIn);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        BigInteger keep = BigInteger.valueOf(10_000L - slippageBps);
        List<Swap> hops = new ArrayList<>();
        BigInteger in = amountIn;
        for (Swap exact : best.get().hops()) {
            BigInteger paid = Swap.exactIn(exact.pool(), exact.tokenIn(), in).amountOut();
            BigInteger asked = Uint256.mulDiv(paid, keep, BigInteger.valueOf(10_000));
            if (asked.signum() <= 0) {
                return Optional.empty();
            }
            hops.add(new Swap(exact.pool(), exact.tokenIn(), in, asked));
            in = asked;
        }
        return Optional.of(new Route(hops));
    }

    /** Runs the router as a server: {@code --port N --id ID --secret S}. */
    public static void main(String[] args) throws Exception {
        io.fairauction.solvers.ExampleSolvers.main(io.fairauction.solvers.ExampleSolvers.withName("amm-router", args));
    }
}

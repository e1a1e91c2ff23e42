package com.example.solver;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.sdk.BidEvent;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.NotificationListener;
import io.fairauction.sdk.SolveContext;
import io.fairauction.sdk.Solver;
import io.fairauction.sdk.SolverServer;
import io.fairauction.sdk.Uint256;
import java.math.BigInteger;

/** A first solver: every sell intent through the best pool route, passing 99.95% of the output to the trader. */
public final class FirstSolver implements Solver, NotificationListener {

    @Override
    public void solve(SolveContext context) {
        String settlement = context.auction().settlement();
        for (Intent intent : context.auction().intents()) {
            if (context.expired()) {
                return; // the runtime has already answered with what we offered
            }
            if (intent.side() != Side.SELL) {
                continue;
            }
            // Fresh reserves for each individual bid: each settles on its own, they must not assume each other.
            Liquidity pools = Liquidity.of(context.auction());
            pools.bestExactIn(intent.sellToken(), intent.buyToken(), intent.sellAmount()).ifPresent(route -> {
                BigInteger toTrader = Uint256.ppm(route.amountOut(), 999_500); // we keep 0.05%
                if (Bids.withinLimit(intent, toTrader)) {
                    context.offer(Bids.bid("first-" + intent.uid())
                            .fill(intent, toTrader)
                            .interactions(route.interactions(settlement)) // the pool pays the settlement
                            .build());
                }
            });
        }
    }

    @Override
    public void onWon(BidEvent.Won won) {
        System.out.println("won " + won.bidId().orElse("") + " in auction " + won.auctionId());
    }

    @Override
    public void onFiltered(BidEvent.Filtered filtered) {
        System.out.println("filtered " + filtered.bidId().orElse("") + ": " + filtered.code() + " " + filtered.detail());
    }

    @Override
    public void onSettled(BidEvent.Settled settled) {
        System.out.println("settled " + settled.bidId().orElse("") + " in " + settled.txHash());
    }

    @Override
    public void onReverted(BidEvent.Reverted reverted) {
        System.out.println("reverted " + reverted.bidId().orElse("") + ": " + reverted.reason());
    }

    /** {@code java ... com.example.solver.FirstSolver <id> <secret> <port>} */
    public static void main(String[] args) throws InterruptedException {
        SolverServer server = SolverServer.builder(args[0], args[1], new FirstSolver())
                .start(Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("serving " + args[0] + " on " + server.endpoint());
        server.awaitClose();
    }
}

package io.fairauction.sdk;

import io.fairauction.core.model.Hex;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A working copy of the auction's pools that swaps can be applied to, so that several swaps in one bid are priced
 * on the reserves the earlier ones leave behind. Finds the best route of one or two hops between two tokens.
 * Not thread-safe; {@link #copy()} is cheap.
 *
 * <p>Each bid is settled in its own transaction against the reserves of its time, so price the swaps of one
 * batched bid on one {@code Liquidity} (they run in one transaction, in order), but price separate individual
 * bids each on a fresh copy of the auction's pools: only one of them will win the pool state they assume, and the
 * auctioneer re-reads reserves for the next auction.
 */
public final class Liquidity {
    private final List<Pool> pools;

    public Liquidity(List<Pool> pools) {
        this.pools = new ArrayList<>(pools);
    }

    public static Liquidity of(AuctionView auction) {
        return new Liquidity(auction.pools());
    }

    public Liquidity copy() {
        return new Liquidity(pools);
    }

    /** The pools as they are now. */
    public List<Pool> pools() {
        return List.copyOf(pools);
    }

    public Optional<Pool> pool(String tokenA, String tokenB) {
        return pools.stream().filter(p -> p.trades(tokenA, tokenB)).findFirst();
    }

    /** The route of at most two hops that pays the most for {@code amountIn}; empty when none can. */
    public Optional<Route> bestExactIn(String tokenIn, String tokenOut, BigInteger amountIn) {
        Route best = null;
        for (List<Pool> path : paths(tokenIn, tokenOut)) {
            Route r = priceExactIn(path, tokenIn, amountIn);
            if (r != null && (best == null || r.amountOut().compareTo(best.amountOut()) > 0)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The route of at most two hops that needs the least input to pay {@code amountOut}; empty when none can. */
    public Optional<Route> bestExactOut(String tokenIn, String tokenOut, BigInteger amountOut) {
        Route best = null;
        for (List<Pool> path : paths(tokenIn, tokenOut)) {
            Route r = priceExactOut(path, tokenIn, amountOut);
            if (r != null && (best == null || r.amountIn().compareTo(best.amountIn()) < 0)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Applies the route's swaps to the pools (the route must have been priced on these pools as they are). */
    public void apply(Route route) {
        for (Swap s : route.hops()) {
            int k = indexOf(s.pool().address());
            if (!pools.get(k).equals(s.pool())) {
                throw new IllegalStateException("route was priced on another state of pool " + s.pool().address());
            }
            pools.set(k, s.poolAfter());
        }
    }

    private int indexOf(String address) {
        for (int k = 0; k < pools.size(); k++) {
            if (Hex.same(pools.get(k).address(), address)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no pool " + address);
    }

    /** Direct pools first, then two-hop paths through every middle token, in pool-list order (deterministic). */
    private List<List<Pool>> paths(String tokenIn, String tokenOut) {
        List<List<Pool>> paths = new ArrayList<>();
        for (Pool p : pools) {
            if (p.trades(tokenIn, tokenOut)) {
                paths.add(List.of(p));
            }
        }
        for (Pool first : pools) {
            String middle = other(first, tokenIn);
            if (middle == null || Hex.same(middle, tokenOut)) {
                continue;
            }
            for (Pool second : pools) {
                if (second != first && second.trades(middle, tokenOut)) {
                    paths.add(List.of(first, second));
                }
            }
        }
        return paths;
    }

    private static String other(Pool p, String token) {
        return Hex.same(p.token0(), token) ? p.token1() : Hex.same(p.token1(), token) ? p.token0() : null;
    }

    private static Route priceExactIn(List<Pool> path, String tokenIn, BigInteger amountIn) {
        List<Swap> hops = new ArrayList<>();
        String in = tokenIn;
        BigInteger amount = amountIn;
        try {
            for (Pool p : path) {
                Swap s = Swap.exactIn(p, in, amount);
                hops.add(s);
                in = s.tokenOut();
                amount = s.amountOut();
            }
            return new Route(hops);
        } catch (IllegalArgumentException e) {
            return null; // an empty pool, or an output that rounds to zero
        }
    }

    private static Route priceExactOut(List<Pool> path, String tokenIn, BigInteger amountOut) {
        List<Swap> reversed = new ArrayList<>();
        BigInteger amount = amountOut;
        try {
            for (int k = path.size() - 1; k >= 0; k--) {
                Pool p = path.get(k);
                String hopIn = k == 0 ? tokenIn : shared(path.get(k - 1), p);
                Swap s = Swap.exactOut(p, hopIn, amount);
                reversed.add(0, s);
                amount = s.amountIn();
            }
            return new Route(reversed);
        } catch (IllegalArgumentException e) {
            return null; // more than the pool holds
        }
    }

    /** The token two consecutive pools of a path have in common. */
    private static String shared(Pool a, Pool b) {
        return Hex.same(a.token0(), b.token0()) || Hex.same(a.token0(), b.token1()) ? a.token0() : a.token1();
    }
}

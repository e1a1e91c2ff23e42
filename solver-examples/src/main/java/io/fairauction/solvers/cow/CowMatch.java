package io.fairauction.solvers.cow;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.Route;
import io.fairauction.sdk.Uint256;
import io.fairauction.solverapi.Pool;
import io.fairauction.solvers.amm.AmmRouter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A coincidence of wants on one token pair: sell intents of X for Y matched directly against sell intents of Y for
 * X at the pair's pool price before any swap (reserve ratio, no fee, no price impact), and only the net remainder
 * of the heavier side routed through the pools.
 *
 * <p>With {@code a_i} the X the X-sellers sell, {@code b_j} the Y the Y-sellers sell and the pool holding
 * {@code rX, rY}: when the X side is worth more ({@code Σa·rY ≥ Σb·rX}), each Y-seller receives
 * {@code floor(b_j·rX/rY)} X, the {@code Σa − floor(Σb·rX/rY)} X left over are swapped for Y, and each X-seller
 * receives {@code floor((Σb + swapped)·a_i/Σa)} Y (the heavier side bears the pool's fee and impact on the
 * remainder only); the other way round symmetrically. Every sum of floors is at most what comes in, so the
 * settlement never ends short, and what rounding leaves is the solver's.
 *
 * @param trades       one per matched intent, the amount each trader receives
 * @param remainder    the swap of the net remainder, when the sides do not cancel exactly
 * @param interactions the remainder's interactions (empty when nothing goes through a pool)
 */
public record CowMatch(List<Trade> trades, Optional<Route> remainder, List<io.fairauction.core.model.Interaction> interactions) {
    public CowMatch {
        trades = List.copyOf(trades);
        interactions = List.copyOf(interactions);
    }

    /**
     * Matches {@code xSellers} (sell X for Y) against {@code ySellers} (sell Y for X). Empty when a side is empty,
     * the pair has no pool, the remainder cannot be routed, or a trader's limit is not met.
     */
    public static Optional<CowMatch> match(Liquidity liquidity, String x, String y, List<Intent> xSellers,
                                           List<Intent> ySellers, int slippageBps, String settlement) {
        if (xSellers.isEmpty() || ySellers.isEmpty()) {
            return Optional.empty();
        }
        for (Intent i : xSellers) {
            requireSell(i, x, y);
        }
        for (Intent i : ySellers) {
            requireSell(i, y, x);
        }
        Optional<Pool> pool = liquidity.pool(x, y);
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        boolean xIs0 = Hex.same(pool.get().token0(), x);
        BigInteger rX = xIs0 ? pool.get().reserve0() : pool.get().reserve1();
        BigInteger rY = xIs0 ? pool.get().reserve1() : pool.get().reserve0();
        BigInteger sumA = xSellers.stream().map(Intent::sellAmount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger sumB = ySellers.stream().map(Intent::sellAmount).reduce(BigInteger.ZERO, BigInteger::add);
        boolean xHeavier = sumA.multiply(rY).compareTo(sumB.multiply(rX)) >= 0;
        return xHeavier
                ? settle(liquidity, x, y, xSellers, ySellers, sumA, sumB, rX, rY, slippageBps, settlement)
                : settle(liquidity, y, x, ySellers, xSellers, sumB, sumA, rY, rX, slippageBps, settlement);
    }

    /** The heavy side sells H (amounts {@code a}), the light side sells L (amounts {@code b}); pool holds rH, rL. */
    private static Optional<CowMatch> settle(Liquidity liquidity, String h, String l, List<Intent> heavy,
                                             List<Intent> light, BigInteger sumA, BigInteger sumB, BigInteger rH,
                                             BigInteger rL, int slippageBps, String settlement) {
        List<Trade> trades = new ArrayList<>();
        // The light side gets H at the pool's price, no fee: floor(b_j * rH / rL).
        BigInteger matched = Uint256.mulDiv(sumB, rH, rL);
        for (Intent j : light) {
            BigInteger gets = Uint256.mulDiv(j.sellAmount(), rH, rL);
            if (!Bids.withinLimit(j, gets)) {
                return Optional.empty();
            }
            trades.add(Bids.fill(j, gets));
        }
        BigInteger excess = sumA.subtract(matched);
        BigInteger extraL = BigInteger.ZERO;
        Optional<Route> route = Optional.empty();
        if (excess.signum() > 0) {
            route = AmmRouter.exactIn(liquidity, h, l, excess, slippageBps);
            if (route.isEmpty()) {
                return Optional.empty();
            }
            extraL = route.get().amountOut();
        }
        BigInteger totalL = sumB.add(extraL);
        for (Intent i : heavy) {
            BigInteger gets = Uint256.mulDiv(totalL, i.sellAmount(), sumA);
            if (!Bids.withinLimit(i, gets)) {
                return Optional.empty();
            }
            trades.add(Bids.fill(i, gets));
        }
        return Optional.of(new CowMatch(trades, route,
                route.map(r -> r.interactions(settlement)).orElse(List.of())));
    }

    private static void requireSell(Intent i, String sell, String buy) {
        if (i.side() != Side.SELL || !Hex.same(i.sellToken(), sell) || !Hex.same(i.buyToken(), buy)) {
            throw new IllegalArgumentException("intent " + i.uid() + " is not a sell of " + sell + " for " + buy);
        }
    }
}

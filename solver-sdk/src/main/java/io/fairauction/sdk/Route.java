package io.fairauction.sdk;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Interaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Swaps chained through pools, each paying the next ({@code tokenOut} of hop k is {@code tokenIn} of hop k+1 and its
 * amount exactly). Its interactions are Uniswap v2's cheapest path, no router and no approval: the settlement
 * transfers the input into the first pool, each pool's swap pays the next pool, the last pays the recipient
 * (normally the settlement, which then pays the trader).
 */
public record Route(List<Swap> hops) {
    public Route {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a route has at least one swap");
        }
        for (int k = 1; k < hops.size(); k++) {
            Swap prev = hops.get(k - 1);
            Swap next = hops.get(k);
            if (!Hex.same(prev.tokenOut(), next.tokenIn()) || !prev.amountOut().equals(next.amountIn())) {
                throw new IllegalArgumentException("hop " + k + " does not take what hop " + (k - 1) + " pays");
            }
        }
    }

    public String tokenIn() {
        return hops.get(0).tokenIn();
    }

    public String tokenOut() {
        return hops.get(hops.size() - 1).tokenOut();
    }

    public BigInteger amountIn() {
        return hops.get(0).amountIn();
    }

    public BigInteger amountOut() {
        return hops.get(hops.size() - 1).amountOut();
    }

    /** The interactions that execute the route from the settlement, paying {@code recipient} at the end. */
    public List<Interaction> interactions(String recipient) {
        List<Interaction> out = new ArrayList<>();
        out.add(Erc20.transfer(tokenIn(), hops.get(0).pool().address(), amountIn()));
        for (int k = 0; k < hops.size(); k++) {
            String to = k + 1 < hops.size() ? hops.get(k + 1).pool().address() : recipient;
            out.add(hops.get(k).swapCall(to));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(amountIn()).append(' ').append(tokenIn());
        hops.forEach(h -> sb.append(" -> ").append(h.amountOut()).append(' ').append(h.tokenOut()));
        return sb.toString();
    }
}

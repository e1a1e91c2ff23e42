package io.fairauction.solverapi;

import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A constant-product pool (Uniswap v2 style) of the deployment, as it was when the auction was cut.
 *
 * @param address  the pair contract
 * @param token0   the pair's token0 (the lower address)
 * @param token1   the pair's token1
 * @param reserve0 reserve of token0, base units
 * @param reserve1 reserve of token1, base units
 * @param feeBps   the swap fee in basis points (30 = 0.3%)
 */
public record Pool(String address, String token0, String token1, BigInteger reserve0, BigInteger reserve1, int feeBps) {
    public Pool {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token0, "token0");
        Objects.requireNonNull(token1, "token1");
        if (!U256.inRange(reserve0) || !U256.inRange(reserve1)) {
            throw new IllegalArgumentException("reserves must be in 0..2^256-1");
        }
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new IllegalArgumentException("feeBps must be in 0..9999, got " + feeBps);
        }
    }

    /** Whether the pool trades these two tokens (either order, any letter case). */
    public boolean trades(String tokenA, String tokenB) {
        return (token0.equalsIgnoreCase(tokenA) && token1.equalsIgnoreCase(tokenB))
                || (token0.equalsIgnoreCase(tokenB) && token1.equalsIgnoreCase(tokenA));
    }
}

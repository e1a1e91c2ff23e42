package io.fairauction.sdk;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Interaction;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One swap on one pool: {@code amountIn} of {@code tokenIn} in, {@code amountOut} of the pool's other token out,
 * computed on the pool's reserves {@code before} it.
 */
public record Swap(Pool pool, String tokenIn, BigInteger amountIn, BigInteger amountOut) {
    public Swap {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tokenIn, "tokenIn");
        if (!Hex.same(tokenIn, pool.token0()) && !Hex.same(tokenIn, pool.token1())) {
            throw new IllegalArgumentException(tokenIn + " is not a token of pool " + pool.address());
        }
        if (amountIn.signum() <= 0 || amountOut.signum() <= 0) {
            throw new IllegalArgumentException("swap amounts must be positive");
        }
    }

    /** The most the pool pays for {@code amountIn} of {@code tokenIn}. */
    public static Swap exactIn(Pool pool, String tokenIn, BigInteger amountIn) {
        boolean zeroIn = Hex.same(tokenIn, pool.token0());
        BigInteger out = ConstantProduct.amountOut(amountIn, zeroIn ? pool.reserve0() : pool.reserve1(),
                zeroIn ? pool.reserve1() : pool.reserve0(), pool.feeBps());
        return new Swap(pool, tokenIn, amountIn, out);
    }

    /** The least input of {@code tokenIn} that buys {@code amountOut} of the other token. */
    public static Swap exactOut(Pool pool, String tokenIn, BigInteger amountOut) {
        boolean zeroIn = Hex.same(tokenIn, pool.token0());
        BigInteger in = ConstantProduct.amountIn(amountOut, zeroIn ? pool.reserve0() : pool.reserve1(),
                zeroIn ? pool.reserve1() : pool.reserve0(), pool.feeBps());
        return new Swap(pool, tokenIn, in, amountOut);
    }

    public String tokenOut() {
        return Hex.same(tokenIn, pool.token0()) ? pool.token1() : pool.token0();
    }

    /** The pool as it is after this swap. */
    public Pool poolAfter() {
        boolean zeroIn = Hex.same(tokenIn, pool.token0());
        return zeroIn
                ? new Pool(pool.address(), pool.token0(), pool.token1(), pool.reserve0().add(amountIn),
                pool.reserve1().subtract(amountOut), pool.feeBps())
                : new Pool(pool.address(), pool.token0(), pool.token1(), pool.reserve0().subtract(amountOut),
                pool.reserve1().add(amountIn), pool.feeBps());
    }

    /** The pool's {@code swap(amount0Out, amount1Out, to)} call; the input must already be in the pool. */
    public Interaction swapCall(String to) {
        boolean zeroOut = Hex.same(tokenOut(), pool.token0());
        return new Interaction(pool.address(), BigInteger.ZERO, Abi.call(Abi.PAIR_SWAP,
                Abi.word(zeroOut ? amountOut : BigInteger.ZERO),
                Abi.word(zeroOut ? BigInteger.ZERO : amountOut),
                Abi.word(to)));
    }
}

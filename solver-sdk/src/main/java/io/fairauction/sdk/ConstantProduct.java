package io.fairauction.sdk;

import io.fairauction.core.model.U256;
import java.math.BigInteger;

/**
 * The exact integer arithmetic of the dev chain's constant-product pools ({@code ConstantProductPair.sol},
 * Uniswap v2's). The pool accepts a swap when {@code (balanceIn*1000 - amountIn*3) * balanceOut*1000 >=
 * reserveIn*reserveOut*1000^2}; with a fee of {@code f} basis points (the dev pools have 30, the contract's
 * 3/1000) that is
 *
 * <pre>amountOut &lt;= amountIn*(10000-f)*reserveOut / (reserveIn*10000 + amountIn*(10000-f))</pre>
 *
 * <p>and {@link #amountOut} is exactly the largest integer that passes, so a bid built on it never asks the pool
 * for more than it gives and never leaves a unit behind. {@link #amountIn} is exactly the smallest input that buys
 * a given output.
 */
public final class ConstantProduct {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private ConstantProduct() {
    }

    /**
     * The most the pool pays for {@code amountIn} (rounded down, as the pool checks it).
     *
     * @throws IllegalArgumentException when an amount is not positive or a reserve is empty
     */
    public static BigInteger amountOut(BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
        check(amountIn, reserveIn, reserveOut, feeBps);
        BigInteger inWithFee = amountIn.multiply(BPS.subtract(BigInteger.valueOf(feeBps)));
        return inWithFee.multiply(reserveOut).divide(reserveIn.multiply(BPS).add(inWithFee));
    }

    /**
     * The least input for which the pool pays {@code amountOut} (rounded up).
     *
     * @throws IllegalArgumentException when {@code amountOut} is not below the output reserve
     */
    public static BigInteger amountIn(BigInteger amountOut, BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
        check(amountOut, reserveIn, reserveOut, feeBps);
        if (amountOut.compareTo(reserveOut) >= 0) {
            throw new IllegalArgumentException("the pool holds " + reserveOut + ", cannot pay " + amountOut);
        }
        BigInteger num = reserveIn.multiply(amountOut).multiply(BPS);
        BigInteger den = reserveOut.subtract(amountOut).multiply(BPS.subtract(BigInteger.valueOf(feeBps)));
        return U256.checkedCeilDiv(num, den);
    }

    private static void check(BigInteger amount, BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        if (reserveIn.signum() <= 0 || reserveOut.signum() <= 0) {
            throw new IllegalArgumentException("the pool is empty");
        }
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new IllegalArgumentException("fee must be in 0..9999 bps, got " + feeBps);
        }
    }
}

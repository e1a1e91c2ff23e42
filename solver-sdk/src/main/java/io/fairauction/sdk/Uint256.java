package io.fairauction.sdk;

import io.fairauction.core.model.U256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact unsigned 256-bit arithmetic for bid amounts, as the EVM does it: every result is checked to stay in
 * {@code 0..2^256-1} ({@link U256.ArithmeticFault} otherwise), divisions round down unless they say up, and
 * {@link #mulDiv} keeps the full product so that {@code a * b / c} is exact even when {@code a * b} alone would
 * overflow (as Solidity's {@code Math.mulDiv}). Amounts are base units; {@link #units} converts from decimals.
 */
public final class Uint256 {
    public static final BigInteger MAX = U256.MAX;

    private Uint256() {
    }

    /** {@code v}, checked to be a uint256. */
    public static BigInteger of(BigInteger v) {
        if (v == null || !U256.inRange(v)) {
            throw new U256.ArithmeticFault("not a uint256: " + v);
        }
        return v;
    }

    public static BigInteger of(long v) {
        return of(BigInteger.valueOf(v));
    }

    public static BigInteger add(BigInteger a, BigInteger b) {
        return of(of(a).add(of(b)));
    }

    public static BigInteger sub(BigInteger a, BigInteger b) {
        return U256.checkedSub(of(a), of(b));
    }

    public static BigInteger mul(BigInteger a, BigInteger b) {
        return U256.checkedMul(of(a), of(b));
    }

    /** {@code floor(a / b)}. */
    public static BigInteger div(BigInteger a, BigInteger b) {
        return U256.checkedDiv(of(a), of(b));
    }

    /** {@code ceil(a / b)}. */
    public static BigInteger divUp(BigInteger a, BigInteger b) {
        return U256.checkedCeilDiv(of(a), of(b));
    }

    /** {@code floor(a * b / c)} with a 512-bit intermediate; only the result must fit. */
    public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger c) {
        if (of(c).signum() == 0) {
            throw new U256.ArithmeticFault("division by zero");
        }
        return of(of(a).multiply(of(b)).divide(c));
    }

    /** {@code ceil(a * b / c)} with a 512-bit intermediate. */
    public static BigInteger mulDivUp(BigInteger a, BigInteger b, BigInteger c) {
        if (of(c).signum() == 0) {
            throw new U256.ArithmeticFault("division by zero");
        }
        BigInteger[] qr = of(a).multiply(of(b)).divideAndRemainder(c);
        return of(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE));
    }

    /** Parts per million of {@code a}, rounded down: {@code ppm(x, 999_000)} is 99.9% of x. */
    public static BigInteger ppm(BigInteger a, long partsPerMillion) {
        return mulDiv(a, BigInteger.valueOf(partsPerMillion), BigInteger.valueOf(1_000_000));
    }

    /** Base units of a decimal amount: {@code units("1.5", 6)} is 1 500 000. More decimals than allowed is an error. */
    public static BigInteger units(String amount, int decimals) {
        BigDecimal d = new BigDecimal(amount).movePointRight(decimals);
        try {
            return of(d.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " has more than " + decimals + " decimals", e);
        }
    }

    /** Base units as a decimal string with {@code decimals} places, trailing zeros removed ({@code "1.5"}). */
    public static String format(BigInteger amount, int decimals) {
        BigDecimal d = new BigDecimal(amount, decimals).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** Value in native wei of {@code amount} base units at {@code nativePrice} (wei per 10^18 units), rounded down. */
    public static BigInteger toNative(BigInteger amount, BigInteger nativePrice) {
        return mulDiv(amount, nativePrice, U256.WAD);
    }
}

package io.fairauction.core.model;

import java.math.BigInteger;

/** Unsigned 256-bit integer arithmetic as the EVM (and CoW's Rust services) do it, on {@link BigInteger}. */
public final class U256 {
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    private U256() {
    }

    public static boolean inRange(BigInteger v) {
        return v.signum() >= 0 && v.compareTo(MAX) <= 0;
    }

    public static boolean isPositive(BigInteger v) {
        return v != null && v.signum() > 0 && v.bitLength() <= 256;
    }

    /** Thrown when a checked operation leaves the unsigned 256-bit range. */
    public static final class ArithmeticFault extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        public ArithmeticFault(String message) {
            super(message);
        }
    }

    public static BigInteger checkedMul(BigInteger a, BigInteger b) {
        BigInteger r = a.multiply(b);
        if (r.compareTo(MAX) > 0) {
            throw new ArithmeticFault("overflow");
        }
        return r;
    }

    public static BigInteger checkedSub(BigInteger a, BigInteger b) {
        BigInteger r = a.subtract(b);
        if (r.signum() < 0) {
            throw new ArithmeticFault("negative");
        }
        return r;
    }

    public static BigInteger checkedDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw new ArithmeticFault("division by zero");
        }
        return a.divide(b);
    }

    public static BigInteger checkedCeilDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw new ArithmeticFault("division by zero");
        }
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    public static BigInteger saturatingMul(BigInteger a, BigInteger b) {
        return a.multiply(b).min(MAX);
    }

    public static BigInteger saturatingAdd(BigInteger a, BigInteger b) {
        return a.add(b).min(MAX);
    }

    /** Value of {@code amount} base units in native wei: {@code amount * price / 10^18}, saturating like CoW. */
    public static BigInteger toNative(BigInteger amount, BigInteger nativePrice) {
        // A price of exactly 10^18 (one base unit is one wei) cancels when the product cannot saturate: WAD has 60
        // bits, so a non-negative amount of at most 196 bits keeps amount * WAD within 256 bits.
        if (amount.signum() >= 0 && amount.bitLength() <= 196 && nativePrice.equals(WAD)) {
            return amount;
        }
        return saturatingMul(amount, nativePrice).divide(WAD);
    }
}

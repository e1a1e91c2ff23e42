package io.fairauction.core.generate;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Random draws and fixed-point helpers shared by the styles. Everything here is a pure function of the
 * {@link SplittableRandom} state, and amounts leave doubles through {@link Math#round}/{@link StrictMath}, both
 * specified bit for bit, so a seed gives the same auction on every JVM and machine.
 */
final class Draw {
    /** Fixed-point unit of the factors applied to amounts: parts per billion. */
    static final long PPB = 1_000_000_000L;
    private static final BigInteger PPB_BIG = BigInteger.valueOf(PPB);
    private static final HexFormat HEX = HexFormat.of();

    private Draw() {
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Log-uniform on [lo, hi): sizes spread evenly over orders of magnitude. */
    static double logUniform(SplittableRandom rng, double lo, double hi) {
        double a = StrictMath.log(lo);
        double b = StrictMath.log(hi);
        return StrictMath.exp(a + (b - a) * rng.nextDouble());
    }

    /**
     * An index drawn with probability proportional to {@code weights} (non-negative). Falls back to the last
     * positive weight when rounding walks past the end, and to a uniform draw when every weight is zero.
     */
    static int weighted(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (!(total > 0)) {
            return rng.nextInt(weights.length);
        }
        double u = rng.nextDouble() * total;
        double sum = 0;
        int lastPositive = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                lastPositive = i;
                sum += weights[i];
                if (u < sum) {
                    return i;
                }
            }
        }
        return lastPositive;
    }

    /** {@code bytes} random bytes as 0x-prefixed lower-case hex. */
    static String hex(SplittableRandom rng, int bytes) {
        byte[] b = new byte[bytes];
        rng.nextBytes(b);
        return "0x" + HEX.formatHex(b);
    }

    /** A factor such as 0.997 in parts per billion, rounded the same way everywhere. */
    static long ppb(double factor) {
        return Math.round(factor * PPB);
    }

    /** {@code floor(amount * factor)}. */
    static BigInteger scaleDown(BigInteger amount, long factorPpb) {
        return amount.multiply(BigInteger.valueOf(factorPpb)).divide(PPB_BIG);
    }

    /** {@code ceil(amount / factor)}. */
    static BigInteger divideUp(BigInteger amount, long factorPpb) {
        BigInteger[] qr = amount.multiply(PPB_BIG).divideAndRemainder(BigInteger.valueOf(factorPpb));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** {@code ceil(a / b)} for positive integers. */
    static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** Zero-padded decimal, so that ids sort the way they were generated. */
    static String padded(int value, int upTo) {
        int width = Math.max(2, Integer.toString(upTo).length());
        StringBuilder s = new StringBuilder(Integer.toString(value));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }

    /** The name of solver {@code index} (0-based) of {@code count}: {@code solver-01}, {@code solver-02}... */
    static String solver(int index, int count) {
        return "solver-" + padded(index + 1, count);
    }

    /** The id of bid {@code index} (0-based) of {@code count}. */
    static String bid(int index, int count) {
        return "b" + padded(index + 1, count);
    }

    /**
     * Splits {@code total} into integer parts proportional to {@code weights} that sum to {@code total} exactly
     * (largest remainder; ties go to the earlier part). Equal parts when every weight is zero.
     */
    static long[] split(long total, long[] weights) {
        int n = weights.length;
        long[] parts = new long[n];
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight");
            }
            sum = sum.add(BigInteger.valueOf(w));
        }
        long[] w = weights;
        if (sum.signum() == 0) {
            w = new long[n];
            java.util.Arrays.fill(w, 1);
            sum = BigInteger.valueOf(n);
        }
        BigInteger t = BigInteger.valueOf(total);
        BigInteger[] remainders = new BigInteger[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = t.multiply(BigInteger.valueOf(w[i])).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            assigned += parts[i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        BigInteger[] r = remainders;
        java.util.Arrays.sort(order, (a, b) -> {
            int c = r[b].compareTo(r[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; assigned < total; k++) {
            parts[order[k]]++;
            assigned++;
        }
        return parts;
    }
}

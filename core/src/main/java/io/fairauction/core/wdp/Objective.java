package io.fairauction.core.wdp;

import java.math.BigInteger;

/**
 * The lexicographic objective (total score, then total tie value) packed into one integer per bid:
 * {@code z = score * 2^shift + tie}. Winners never share an intent and each intent adds less than
 * 2^{@link WdpProblem#tieBits()} of tie value, so with {@code shift} = key bits + bits of the intent count the
 * tie values of any selection sum to less than {@code 2^shift}: maximising the sum of {@code z} maximises score
 * first and tie value second.
 */
record Objective(int shift) {

    static Objective of(WdpProblem problem) {
        return new Objective(problem.tieBits() + 64 - Long.numberOfLeadingZeros(Math.max(1, problem.intentCount())));
    }

    BigInteger z(WdpBid b) {
        return b.score().shiftLeft(shift).add(BigInteger.valueOf(b.tie()));
    }

    /** The best total score compatible with a bound on the packed objective. */
    BigInteger scoreBound(BigInteger zBound) {
        return zBound.shiftRight(shift);
    }
}

package io.fairauction.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unsigned 256-bit range, against its bounds written out (not against {@link U256#MAX}). */
class U256Test {
    private static final BigInteger TWO_POW_256_MINUS_1 = new BigInteger(
            "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    private static final BigInteger TWO_POW_256 = new BigInteger(
            "115792089237316195423570985008687907853269984665640564039457584007913129639936");

    @Test
    void theRangeIsZeroTo2Pow256Minus1Inclusive() {
        assertThat(U256.inRange(TWO_POW_256_MINUS_1)).isTrue();
        assertThat(U256.inRange(TWO_POW_256)).isFalse();
        assertThat(U256.inRange(BigInteger.ZERO)).isTrue();
        assertThat(U256.inRange(BigInteger.ONE.negate())).isFalse();
        assertThat(U256.isPositive(TWO_POW_256_MINUS_1)).isTrue();
        assertThat(U256.isPositive(TWO_POW_256)).isFalse();
        assertThat(U256.isPositive(BigInteger.ZERO)).isFalse();
        assertThat(U256.MAX).isEqualTo(TWO_POW_256_MINUS_1);
    }

    @Test
    void checkedMultiplicationReachesExactly2Pow256Minus1AndOverflowsOneAbove() {
        // 2^256-1 = 3 * 5 * 17 * 257 * 641 * 65537 * ...: its factor 3 gives an exact product at the bound.
        BigInteger third = TWO_POW_256_MINUS_1.divide(BigInteger.valueOf(3));
        assertThat(U256.checkedMul(third, BigInteger.valueOf(3))).isEqualTo(TWO_POW_256_MINUS_1);
        BigInteger half = TWO_POW_256.shiftRight(1);
        assertThatThrownBy(() -> U256.checkedMul(half, BigInteger.TWO))
                .isInstanceOf(U256.ArithmeticFault.class).hasMessage("overflow");
    }

    @Test
    void saturatingOperationsStopAt2Pow256Minus1() {
        assertThat(U256.saturatingAdd(TWO_POW_256_MINUS_1, BigInteger.ONE)).isEqualTo(TWO_POW_256_MINUS_1);
        assertThat(U256.saturatingMul(TWO_POW_256_MINUS_1, BigInteger.TWO)).isEqualTo(TWO_POW_256_MINUS_1);
        assertThat(U256.saturatingAdd(TWO_POW_256_MINUS_1.subtract(BigInteger.ONE), BigInteger.ONE)).isEqualTo(TWO_POW_256_MINUS_1);
    }
}

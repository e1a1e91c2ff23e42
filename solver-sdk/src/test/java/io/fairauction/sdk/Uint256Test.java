package io.fairauction.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.core.model.U256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Uint256Test {
    @Test
    void mulDivKeepsTheFullProduct() {
        BigInteger big = Uint256.MAX.shiftRight(1);
        assertThat(Uint256.mulDiv(big, BigInteger.valueOf(6), BigInteger.valueOf(3))).isEqualTo(big.shiftLeft(1));
        assertThat(Uint256.mulDivUp(BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(4));
        assertThat(Uint256.mulDiv(BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void resultsOutsideTheRangeAreFaults() {
        assertThatThrownBy(() -> Uint256.add(Uint256.MAX, BigInteger.ONE)).isInstanceOf(U256.ArithmeticFault.class);
        assertThatThrownBy(() -> Uint256.sub(BigInteger.ONE, BigInteger.TWO)).isInstanceOf(U256.ArithmeticFault.class);
        assertThatThrownBy(() -> Uint256.mulDiv(Uint256.MAX, Uint256.MAX, BigInteger.ONE)).isInstanceOf(U256.ArithmeticFault.class);
        assertThatThrownBy(() -> Uint256.div(BigInteger.ONE, BigInteger.ZERO)).isInstanceOf(U256.ArithmeticFault.class);
    }

    @Test
    void decimalAmountsConvertExactly() {
        assertThat(Uint256.units("1.5", 6)).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(Uint256.units("3000", 6)).isEqualTo(BigInteger.valueOf(3_000_000_000L));
        assertThat(Uint256.format(BigInteger.valueOf(1_500_000), 6)).isEqualTo("1.5");
        assertThatThrownBy(() -> Uint256.units("0.0000001", 6)).hasMessageContaining("more than 6 decimals");
        assertThat(Uint256.ppm(BigInteger.valueOf(1_000_000), 999_000)).isEqualTo(BigInteger.valueOf(999_000));
    }
}

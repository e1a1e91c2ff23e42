package io.fairauction.core.mechanism;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CoW's score arithmetic (cow-rules.md section 1), checked by hand-computed values. */
class ScoringTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    private static Intent intent(Side side, long sell, long buy) {
        return new Intent("0x01", "0xaa", side, "0x0a", "0x0b", BigInteger.valueOf(sell), BigInteger.valueOf(buy), 0, "");
    }

    private static BigInteger score(Intent i, long executedSell, long executedBuy, BigInteger price) {
        return Scoring.tradeScore(i, BigInteger.valueOf(executedSell), BigInteger.valueOf(executedBuy), price);
    }

    @Test
    void sellSurplusIsTheBuyAmountAboveTheLimitValuedAtTheBuyTokensPrice() {
        assertThat(score(intent(Side.SELL, 1000, 900), 1000, 950, E18)).isEqualTo(BigInteger.valueOf(50));
        // 3 units at 0.5 native per unit floors to 1.
        assertThat(score(intent(Side.SELL, 1000, 900), 1000, 903, E18.divide(BigInteger.TWO))).isEqualTo(BigInteger.ONE);
    }

    @Test
    void buySurplusIsTheSellAmountSavedConvertedAtTheLimitPriceAndFloored() {
        // Saves 7 of the sell token; at the limit price 1000 sell : 300 buy that is 2.1 buy units, floored to 2.
        assertThat(score(intent(Side.BUY, 1000, 300), 993, 300, E18)).isEqualTo(BigInteger.valueOf(2));
        // The buy token's price is used for buy intents too: 2 buy units at 3 native each.
        assertThat(score(intent(Side.BUY, 1000, 300), 993, 300, E18.multiply(BigInteger.valueOf(3)))).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void sellLimitUsesCeilingDivisionOnPartialScaling() {
        // limitBuy = ceil(7 * 10 / 3) = 24 (not 23): an execution of 23 is below the limit.
        Intent i = intent(Side.SELL, 3, 10);
        assertThatThrownBy(() -> score(i, 7, 23, E18)).isInstanceOf(U256.ArithmeticFault.class).hasMessage("negative");
        assertThat(score(i, 7, 24, E18)).isZero();
    }

    @Test
    void anIntermediateProductAbove256BitsMakesTheScoreUncomputable() {
        BigInteger big = BigInteger.TWO.pow(200);
        Intent i = new Intent("0x01", "0xaa", Side.SELL, "0x0a", "0x0b", big, big, 0, "");
        assertThatThrownBy(() -> Scoring.tradeScore(i, big, big, E18)).isInstanceOf(U256.ArithmeticFault.class).hasMessage("overflow");
    }

    @Test
    void conversionToNativeSaturatesInsteadOfFailing() {
        Intent i = new Intent("0x01", "0xaa", Side.SELL, "0x0a", "0x0b", BigInteger.ONE, BigInteger.ONE, 0, "");
        BigInteger huge = U256.MAX.shiftRight(1);
        assertThat(Scoring.tradeScore(i, BigInteger.ONE, huge, U256.MAX)).isEqualTo(U256.MAX.divide(E18));
    }
}

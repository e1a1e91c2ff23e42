package io.fairauction.core.mechanism;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

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

    static LongStream seeds() {
        return Seeds.range(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theScoreIsCowsFormulaWrittenOutInPlainIntegers(long seed) {
        // Amounts of every width up to past 256 bits, executed amounts often equal to the intent's (fill-or-kill),
        // sometimes zero: the result, or the fault, must be the formula's.
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 50; n++) {
            Side side = r.nextBoolean() ? Side.SELL : Side.BUY;
            BigInteger sell = amount(r);
            BigInteger buy = amount(r);
            BigInteger executedSell = side == Side.SELL && r.nextInt(4) > 0 ? sell : amountOrZero(r);
            BigInteger executedBuy = side == Side.BUY && r.nextInt(4) > 0 ? buy : amountOrZero(r);
            BigInteger price = amountOrZero(r);
            Intent i = new Intent("0x01", "0xaa", side, "0x0a", "0x0b", sell, buy, 0, "");
            String expected = formula(side, sell, buy, executedSell, executedBuy, price);
            String actual;
            try {
                actual = Scoring.tradeScore(i, executedSell, executedBuy, price).toString();
            } catch (U256.ArithmeticFault e) {
                actual = "fault " + e.getMessage();
            }
            assertThat(actual).as("seed %d %s %s %s %s %s", seed, side, sell, buy, executedSell, executedBuy)
                    .isEqualTo(expected);
        }
    }

    /** 1 to 256 bits (an intent's amounts must be in 1..2^256-1). */
    private static BigInteger amount(SplittableRandom r) {
        int bits = r.nextInt(4) == 0 ? 100 + r.nextInt(157) : 1 + r.nextInt(80);
        return new BigInteger(bits, new java.util.Random(r.nextLong())).setBit(bits - 1);
    }

    private static BigInteger amountOrZero(SplittableRandom r) {
        return r.nextInt(20) == 0 ? BigInteger.ZERO : amount(r);
    }

    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    /** cow-rules.md section 1, step by step: checked products, ceiling for the sell limit, floor elsewhere. */
    private static String formula(Side side, BigInteger sell, BigInteger buy, BigInteger executedSell,
                                  BigInteger executedBuy, BigInteger price) {
        BigInteger surplus;
        if (side == Side.SELL) {
            BigInteger p1 = executedSell.multiply(buy);
            if (p1.compareTo(MAX) > 0) {
                return "fault overflow";
            }
            if (sell.signum() == 0) {
                return "fault division by zero";
            }
            BigInteger limitBuy = p1.add(sell).subtract(BigInteger.ONE).divide(sell);
            BigInteger p2 = executedSell.multiply(executedBuy);
            if (p2.compareTo(MAX) > 0) {
                return "fault overflow";
            }
            if (executedSell.signum() == 0) {
                return "fault division by zero";
            }
            BigInteger bought = p2.add(executedSell).subtract(BigInteger.ONE).divide(executedSell);
            surplus = bought.subtract(limitBuy);
            if (surplus.signum() < 0) {
                return "fault negative";
            }
        } else {
            BigInteger p1 = sell.multiply(executedBuy);
            if (p1.compareTo(MAX) > 0) {
                return "fault overflow";
            }
            if (buy.signum() == 0) {
                return "fault division by zero";
            }
            BigInteger limitSell = p1.divide(buy);
            BigInteger p2 = executedBuy.multiply(executedSell);
            if (p2.compareTo(MAX) > 0) {
                return "fault overflow";
            }
            if (executedBuy.signum() == 0) {
                return "fault division by zero";
            }
            BigInteger surplusSell = limitSell.subtract(p2.divide(executedBuy));
            if (surplusSell.signum() < 0) {
                return "fault negative";
            }
            if (sell.signum() == 0) {
                return "fault division by zero";
            }
            surplus = surplusSell.multiply(buy).divide(sell);
            if (surplus.compareTo(MAX) > 0) {
                return "fault overflow";
            }
        }
        return surplus.multiply(price).min(MAX).divide(BigInteger.TEN.pow(18)).toString();
    }
}

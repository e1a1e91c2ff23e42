package io.fairauction.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pool formulas against the acceptance rule of {@code ConstantProductPair.swap}, written out independently:
 * {@code (balanceIn*1000 - amountIn*3) * (balanceOut*1000) >= reserveIn*reserveOut*1000^2}.
 */
class ConstantProductTest {
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    /** Whether the dev pool accepts paying {@code out} for {@code in} (0.3% fee, as the contract hard-codes). */
    private static boolean poolAccepts(BigInteger in, BigInteger out, BigInteger rIn, BigInteger rOut) {
        if (out.signum() <= 0 || out.compareTo(rOut) >= 0) {
            return false;
        }
        BigInteger adjustedIn = rIn.add(in).multiply(THOUSAND).subtract(in.multiply(BigInteger.valueOf(3)));
        BigInteger adjustedOut = rOut.subtract(out).multiply(THOUSAND);
        return adjustedIn.multiply(adjustedOut).compareTo(rIn.multiply(rOut).multiply(THOUSAND.pow(2))) >= 0;
    }

    @Test
    void amountOutIsTheLargestOutputThePoolAccepts() {
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 20_000; k++) {
            BigInteger rIn = BigInteger.valueOf(random.nextLong(1, 1L << 40));
            BigInteger rOut = BigInteger.valueOf(random.nextLong(1, 1L << 40));
            BigInteger in = BigInteger.valueOf(random.nextLong(1, 1L << 42));
            BigInteger out = ConstantProduct.amountOut(in, rIn, rOut, 30);
            if (out.signum() > 0) {
                assertThat(poolAccepts(in, out, rIn, rOut)).as("in %s rIn %s rOut %s out %s", in, rIn, rOut, out).isTrue();
            }
            assertThat(poolAccepts(in, out.add(BigInteger.ONE), rIn, rOut)).as("one more, in %s rIn %s rOut %s", in, rIn, rOut).isFalse();
        }
    }

    @Test
    void amountInIsTheSmallestInputThatBuysTheOutput() {
        SplittableRandom random = new SplittableRandom(2);
        for (int k = 0; k < 20_000; k++) {
            BigInteger rIn = BigInteger.valueOf(random.nextLong(1000, 1L << 40));
            BigInteger rOut = BigInteger.valueOf(random.nextLong(1000, 1L << 40));
            BigInteger out = BigInteger.valueOf(random.nextLong(1, rOut.longValueExact()));
            BigInteger in = ConstantProduct.amountIn(out, rIn, rOut, 30);
            assertThat(poolAccepts(in, out, rIn, rOut)).isTrue();
            assertThat(poolAccepts(in.subtract(BigInteger.ONE), out, rIn, rOut)).isFalse();
            assertThat(ConstantProduct.amountOut(in, rIn, rOut, 30)).isGreaterThanOrEqualTo(out);
        }
    }

    @Test
    void theDevPoolsQuoteMatchesUniswapV2sGetAmountOut() {
        // 1 WETH into 1 000 WETH / 3 000 000 USDC: 997e15 * 3e12 / (1e21*1000 + 997e15) by hand.
        BigInteger in = BigInteger.TEN.pow(18);
        BigInteger rIn = BigInteger.TEN.pow(21);
        BigInteger rOut = BigInteger.valueOf(3_000_000_000_000L);
        BigInteger expected = in.multiply(BigInteger.valueOf(997)).multiply(rOut)
                .divide(rIn.multiply(THOUSAND).add(in.multiply(BigInteger.valueOf(997))));
        assertThat(ConstantProduct.amountOut(in, rIn, rOut, 30)).isEqualTo(expected).isEqualTo(BigInteger.valueOf(2_988_020_943L));
    }

    @Test
    void anOutputTheReserveCannotPayIsRefused() {
        assertThatThrownBy(() -> ConstantProduct.amountIn(BigInteger.TEN, BigInteger.TEN, BigInteger.TEN, 30))
                .hasMessageContaining("cannot pay");
        assertThatThrownBy(() -> ConstantProduct.amountOut(BigInteger.ZERO, BigInteger.TEN, BigInteger.TEN, 30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liquidityPricesLaterSwapsOnTheReservesEarlierOnesLeft() {
        String a = "0x" + "a".repeat(40);
        String b = "0x" + "b".repeat(40);
        String c = "0x" + "c".repeat(40);
        Pool ab = new Pool("0x" + "1".repeat(40), a, b, BigInteger.valueOf(1_000_000), BigInteger.valueOf(1_000_000), 30);
        Pool bc = new Pool("0x" + "2".repeat(40), b, c, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000), 30);
        Liquidity liquidity = new Liquidity(List.of(ab, bc));

        Route first = liquidity.bestExactIn(a, b, BigInteger.valueOf(10_000)).orElseThrow();
        liquidity.apply(first);
        Route second = liquidity.bestExactIn(a, b, BigInteger.valueOf(10_000)).orElseThrow();
        Route twoHops = liquidity.bestExactIn(a, c, BigInteger.valueOf(10_000)).orElseThrow();

        assertThat(second.amountOut()).isLessThan(first.amountOut());
        assertThat(twoHops.hops()).hasSize(2);
        assertThat(twoHops.interactions("0x" + "d".repeat(40))).hasSize(3);
        assertThat(twoHops.hops().get(1).amountIn()).isEqualTo(twoHops.hops().get(0).amountOut());
        assertThat(new Liquidity(List.of(ab)).bestExactIn(a, c, BigInteger.TEN)).isEmpty();
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;

import java.math.BigInteger;

import static io.fairauction.core.model.U256.checkedCeilDiv;
import static io.fairauction.core.model.U256.checkedDiv;
import static io.fairauction.core.model.U256.checkedMul;
import static io.fairauction.core.model.U256.checkedSub;

/**
 * The score of a trade: the trader's surplus over their limit, in native wei. The arithmetic is CoW's (see
 * {@code cow-rules.md} section 1): unsigned 256-bit, ceiling for the sell-side limit, floor elsewhere, the buy
 * token's native price for both sides, saturating conversion to native. Every mechanism scores this way, so a
 * bid's score does not depend on the mechanism it is replayed under.
 */
public final class Scoring {
    private Scoring() {
    }

    /**
     * @throws U256.ArithmeticFault when an intermediate value leaves the 256-bit range, a division is by zero or
     *                              the surplus is negative (limit violated)
     */
    public static BigInteger tradeScore(Intent intent, BigInteger executedSell, BigInteger executedBuy,
                                        BigInteger buyTokenNativePrice) {
        return U256.toNative(surplusInBuyToken(intent, executedSell, executedBuy), buyTokenNativePrice);
    }

    /** The surplus converted to buy-token base units (for buy intents, at the intent's limit price). */
    static BigInteger surplusInBuyToken(Intent intent, BigInteger executedSell, BigInteger executedBuy) {
        // The trade's own execution defines its clearing prices: sell price = executedBuy, buy price = executedSell.
        if (intent.side() == Side.SELL) {
            BigInteger limitBuy = mulDiv(executedSell, intent.buyAmount(), intent.sellAmount(), true);
            BigInteger bought = mulDiv(executedSell, executedBuy, executedSell, true);
            return checkedSub(bought, limitBuy);
        }
        BigInteger limitSell = mulDiv(executedBuy, intent.sellAmount(), intent.buyAmount(), false);
        BigInteger sold = mulDiv(executedBuy, executedSell, executedBuy, false);
        BigInteger surplusSell = checkedSub(limitSell, sold);
        // CoW widens to 512 bits for this product; only the quotient has to fit.
        BigInteger surplusBuy = checkedDiv(surplusSell.multiply(intent.buyAmount()), intent.sellAmount());
        if (surplusBuy.compareTo(U256.MAX) > 0) {
            throw new U256.ArithmeticFault("overflow");
        }
        return surplusBuy;
    }

    /**
     * {@code x * y / divisor}, rounded up or down, in checked 256-bit arithmetic. When the divisor is {@code x}
     * (a fill-or-kill trade executes exactly the intent's amount, and CoW's formula divides a product by one of
     * its factors) the quotient is {@code y}, and the product cannot overflow when the bit lengths add up to at
     * most 256: the multiplication and division, most of the cost of scoring a large bundle, are skipped then.
     */
    private static BigInteger mulDiv(BigInteger x, BigInteger y, BigInteger divisor, boolean ceil) {
        if (x.signum() > 0 && x.equals(divisor) && x.bitLength() + y.bitLength() <= 256) {
            return y;
        }
        BigInteger product = checkedMul(x, y);
        return ceil ? checkedCeilDiv(product, divisor) : checkedDiv(product, divisor);
    }
}

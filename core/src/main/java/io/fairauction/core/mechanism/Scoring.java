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
            BigInteger limitBuy = checkedCeilDiv(checkedMul(executedSell, intent.buyAmount()), intent.sellAmount());
            BigInteger bought = checkedCeilDiv(checkedMul(executedSell, executedBuy), executedSell);
            return checkedSub(bought, limitBuy);
        }
        BigInteger limitSell = checkedDiv(checkedMul(intent.sellAmount(), executedBuy), intent.buyAmount());
        BigInteger sold = checkedDiv(checkedMul(executedBuy, executedSell), executedBuy);
        BigInteger surplusSell = checkedSub(limitSell, sold);
        // CoW widens to 512 bits for this product; only the quotient has to fit.
        BigInteger surplusBuy = checkedDiv(surplusSell.multiply(intent.buyAmount()), intent.sellAmount());
        if (surplusBuy.compareTo(U256.MAX) > 0) {
            throw new U256.ArithmeticFault("overflow");
        }
        return surplusBuy;
    }
}

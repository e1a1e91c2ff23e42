package io.fairauction.core.mechanism;

import io.fairauction.core.model.Intent;

import java.math.BigInteger;

/** A trade of a valid bid, with its intent resolved and its score computed. */
public record ScoredTrade(Intent intent, BigInteger executedSell, BigInteger executedBuy, BigInteger score) {

    /** What the trader receives on the side that is not exact: buy amount for sells, sell amount for buys. */
    public BigInteger limitSideAmount() {
        return intent.side() == io.fairauction.core.model.Side.SELL ? executedBuy : executedSell;
    }
}

package io.fairauction.core.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A trader's signed intent. Intents are fill-or-kill: a sell intent sells exactly {@code sellAmount} and must
 * receive at least {@code buyAmount}; a buy intent receives exactly {@code buyAmount} and pays at most
 * {@code sellAmount}.
 *
 * @param signature 0x-prefixed hex signature, empty when the auction file carries none (replays)
 */
public record Intent(
        String uid,
        String owner,
        Side side,
        String sellToken,
        String buyToken,
        BigInteger sellAmount,
        BigInteger buyAmount,
        long validTo,
        String signature) {

    public Intent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(sellToken, "sellToken");
        Objects.requireNonNull(buyToken, "buyToken");
        Objects.requireNonNull(signature, "signature");
        if (!U256.isPositive(sellAmount) || !U256.isPositive(buyAmount)) {
            throw new IllegalArgumentException("intent amounts must be in 1..2^256-1");
        }
        if (Hex.same(sellToken, buyToken)) {
            throw new IllegalArgumentException("sell and buy token must differ");
        }
    }

    /** The token the trader's surplus is measured in before conversion: buy token for sells, sell token for buys. */
    public String limitToken() {
        return side == Side.SELL ? buyToken : sellToken;
    }

    /** The limit on the side the trader is paid on: minimum received for sells, maximum paid for buys. */
    public BigInteger limitAmount() {
        return side == Side.SELL ? buyAmount : sellAmount;
    }
}

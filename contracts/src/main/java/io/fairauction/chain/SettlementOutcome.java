package io.fairauction.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mined settlement transaction did, decoded from its receipt.
 *
 * @param mined     true when the transaction succeeded; false when it was mined but reverted
 * @param auctionId the auction from the {@code Settled} event (empty when reverted)
 * @param solver    the solver payout address from the {@code Settled} event (empty when reverted)
 * @param trades    the executed amounts per intent, from the {@code Trade} events, in execution order
 */
public record SettlementOutcome(
        String transactionHash,
        BigInteger blockNumber,
        boolean mined,
        BigInteger gasUsed,
        Optional<BigInteger> auctionId,
        Optional<String> solver,
        List<ExecutedTrade> trades) {

    public SettlementOutcome {
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(gasUsed, "gasUsed");
        trades = List.copyOf(trades);
    }

    /** One intent as executed on chain. */
    public record ExecutedTrade(String uid, String owner, BigInteger executedSell, BigInteger executedBuy) {
    }

    public Optional<ExecutedTrade> trade(String uid) {
        return trades.stream().filter(t -> t.uid().equalsIgnoreCase(uid)).findFirst();
    }
}

package io.fairauction.events;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * On {@link Topics#SETTLEMENTS}: what happened to one winning bid on chain.
 *
 * @param status  mined, reverted (sent and reverted), or dropped (not sent: simulation showed a revert, or an
 *                intent was no longer valid)
 * @param txHash  the transaction, null when none was sent
 * @param reason  the decoded revert error or why it was dropped; null when mined
 * @param culprit the trader whose trade made it revert, when the error names one; null otherwise
 */
public record SettlementRecorded(long auctionId, String bidId, String solverId, Status status, String txHash,
                                 long gasUsed, List<ExecutedTrade> trades, String reason, String culprit,
                                 long atMillis) implements Event {
    public SettlementRecorded {
        Objects.requireNonNull(bidId, "bidId");
        Objects.requireNonNull(solverId, "solverId");
        Objects.requireNonNull(status, "status");
        trades = List.copyOf(trades);
    }

    /** The three ends of a settlement. */
    public enum Status { MINED, REVERTED, DROPPED }

    /** An intent as the settlement executed it (from the contract's Trade events). */
    public record ExecutedTrade(String uid, String owner, BigInteger executedSell, BigInteger executedBuy) {
    }

    @Override
    public String key() {
        return Long.toString(auctionId);
    }
}

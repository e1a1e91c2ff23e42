package io.fairauction.events;

import io.fairauction.core.model.Bid;
import java.util.Objects;

/**
 * On {@link Topics#BIDS}: a bid that passed the gateway's checks. {@code bid.id()} is unique in the auction
 * ({@code solverId + "/" + solverBidId}), {@code bid.solver()} is the solver's id.
 *
 * @param solverBidId the id the solver gave the bid (what notifications name)
 * @param payout      the solver's payout address: leftovers of its settlement go there
 */
public record BidAccepted(long auctionId, String solverId, String solverBidId, String payout, Bid bid,
                          long receivedAtMillis) implements Event {
    public BidAccepted {
        Objects.requireNonNull(solverId, "solverId");
        Objects.requireNonNull(solverBidId, "solverBidId");
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(bid, "bid");
    }

    /** The auction-wide bid id for a solver's own bid id. */
    public static String bidId(String solverId, String solverBidId) {
        return solverId + "/" + solverBidId;
    }

    @Override
    public String key() {
        return Long.toString(auctionId);
    }
}

package io.fairauction.events;

import java.util.Objects;

/**
 * On {@link Topics#BIDS}: a bid, or a whole answer, the gateway refused, with the reason's code (a
 * {@code BidRejection} wire name) and detail. Kept so operators and the solver see every refusal.
 *
 * @param solverBidId the refused bid's id as the solver sent it; null when the whole answer was refused
 */
public record BidRejected(long auctionId, String solverId, String solverBidId, String code, String detail,
                          long receivedAtMillis) implements Event {
    public BidRejected {
        Objects.requireNonNull(solverId, "solverId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String key() {
        return Long.toString(auctionId);
    }
}

package io.fairauction.sdk;

import io.fairauction.core.result.FilterCode;
import io.fairauction.solverapi.BidRejection;
import io.fairauction.solverapi.Notification;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the gateway told the solver about one of its bids, as a type per outcome ({@link Notification} on the
 * wire). {@link #bidId()} is the id the solver gave the bid; empty when a rejection concerns the whole answer.
 */
public sealed interface BidEvent {
    String auctionId();

    Optional<String> bidId();

    /** The notification as it came over the wire. */
    Notification notification();

    /** The gateway refused the bid (or the whole answer) before the auction. */
    record Rejected(String auctionId, Optional<String> bidId, String code, String detail, Notification notification)
            implements BidEvent {
        /** The rejection code as the enum, when it is one this SDK knows. */
        public Optional<BidRejection> rejection() {
            return Arrays.stream(BidRejection.values()).filter(r -> r.wire().equals(code)).findFirst();
        }
    }

    /** The mechanism took the bid out before winner determination (the fairness filter, a limit, the cap). */
    record Filtered(String auctionId, Optional<String> bidId, String code, String detail, Notification notification)
            implements BidEvent {
        /** Core's filter code, when it is one this SDK knows ({@code unfair}, {@code limit-violated}, ...). */
        public Optional<FilterCode> filterCode() {
            return Arrays.stream(FilterCode.values()).filter(f -> f.wire().equals(code)).findFirst();
        }
    }

    /** The bid took part and lost. */
    record Lost(String auctionId, Optional<String> bidId, String detail, Notification notification) implements BidEvent {
    }

    /** The bid won; its settlement follows. */
    record Won(String auctionId, Optional<String> bidId, String detail, Notification notification) implements BidEvent {
    }

    /** The bid's settlement was mined in {@code txHash}. */
    record Settled(String auctionId, Optional<String> bidId, String txHash, String detail, Notification notification)
            implements BidEvent {
    }

    /**
     * The bid's settlement reverted, or simulation showed it would and it was not sent.
     *
     * @param reason the decoded revert error (e.g. {@code InteractionFailed}), as the auctioneer decoded it
     * @param txHash the reverted transaction, empty when it was never sent
     */
    record Reverted(String auctionId, Optional<String> bidId, String reason, String detail, Optional<String> txHash,
                    Notification notification) implements BidEvent {
    }

    /** The typed event of a wire notification. */
    static BidEvent of(Notification n) {
        return switch (n.kind()) {
            case REJECTED -> new Rejected(n.auctionId(), n.bidId(), n.code(), n.detail(), n);
            case FILTERED -> new Filtered(n.auctionId(), n.bidId(), n.code(), n.detail(), n);
            case LOST -> new Lost(n.auctionId(), n.bidId(), n.detail(), n);
            case WON -> new Won(n.auctionId(), n.bidId(), n.detail(), n);
            case SETTLED -> new Settled(n.auctionId(), n.bidId(), n.txHash().orElse(""), n.detail(), n);
            case REVERTED -> new Reverted(n.auctionId(), n.bidId(), n.code(), n.detail(), n.txHash(), n);
        };
    }
}

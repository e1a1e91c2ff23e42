package io.fairauction.solverapi;

import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway tells a solver about one of its bids ({@code POST {endpoint}/notify}).
 *
 * @param auctionId the auction
 * @param bidId     the solver's bid id, as the solver sent it; empty for a rejection of the whole answer
 * @param kind      what happened
 * @param code      a machine-readable code: the rejection or filter code, or the decoded revert error
 * @param detail    one line for humans
 * @param txHash    the settlement transaction, for {@link Kind#SETTLED} and {@link Kind#REVERTED} when one was sent
 */
public record Notification(String auctionId, Optional<String> bidId, Kind kind, String code, String detail,
                           Optional<String> txHash) {
    public Notification {
        Objects.requireNonNull(auctionId, "auctionId");
        Objects.requireNonNull(bidId, "bidId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(txHash, "txHash");
    }

    /** What happened to a bid. */
    public enum Kind {
        /** The gateway refused the bid (or the whole answer) before the auction: see {@link BidRejection}. */
        REJECTED("rejected"),
        /** The mechanism removed it before winner determination (fairness filter, limits): a core filter code. */
        FILTERED("filtered"),
        /** It took part and lost. */
        LOST("lost"),
        /** It won; settlement follows. */
        WON("won"),
        /** Its settlement was mined. */
        SETTLED("settled"),
        /** Its settlement reverted, or simulation showed it would and it was not sent; code is the decoded error. */
        REVERTED("reverted");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Kind fromWire(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown notification kind \"" + s + "\"");
        }
    }
}

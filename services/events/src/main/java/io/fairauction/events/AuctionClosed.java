package io.fairauction.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * On {@link Topics#AUCTION_RESULTS}: the mechanism's full result (the replay tool's result JSON, docs/file-format.md)
 * and the winning bids in full, so settlement can run, and be reconciled after a crash, from this record alone.
 *
 * @param abandoned true when the round was given up (an auctioneer restarted after opening it): no winners, its
 *                  intents are open again
 */
public record AuctionClosed(long auctionId, String mechanism, JsonNode result, List<BidAccepted> winners,
                            int bidsReceived, long closedAtMillis, boolean abandoned) implements Event {
    public AuctionClosed {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(result, "result");
        winners = List.copyOf(winners);
    }

    @Override
    public String key() {
        return Long.toString(auctionId);
    }
}

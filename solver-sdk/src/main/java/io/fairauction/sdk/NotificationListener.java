package io.fairauction.sdk;

import io.fairauction.solverapi.BidChecks;
import java.util.List;

/**
 * Typed callbacks for what becomes of a solver's bids. Every method does nothing by default: override the ones
 * you care about. Callbacks run one at a time, in arrival order, on the runtime's notification thread (never on
 * the HTTP thread, so a slow callback does not hold up the gateway); an exception in one is logged.
 */
public interface NotificationListener {
    default void onRejected(BidEvent.Rejected event) {
    }

    default void onFiltered(BidEvent.Filtered event) {
    }

    default void onLost(BidEvent.Lost event) {
    }

    default void onWon(BidEvent.Won event) {
    }

    default void onSettled(BidEvent.Settled event) {
    }

    default void onReverted(BidEvent.Reverted event) {
    }

    /**
     * Bids the runtime did not send because local validation refused them (the codes the gateway would have
     * answered), for one auction. Called before the answer goes out.
     */
    default void onLocallyRejected(String auctionId, List<BidChecks.Rejection> rejections) {
    }

    /** Dispatches an event to its typed method. */
    default void on(BidEvent event) {
        if (event instanceof BidEvent.Rejected e) {
            onRejected(e);
        } else if (event instanceof BidEvent.Filtered e) {
            onFiltered(e);
        } else if (event instanceof BidEvent.Lost e) {
            onLost(e);
        } else if (event instanceof BidEvent.Won e) {
            onWon(e);
        } else if (event instanceof BidEvent.Settled e) {
            onSettled(e);
        } else if (event instanceof BidEvent.Reverted e) {
            onReverted(e);
        }
    }
}

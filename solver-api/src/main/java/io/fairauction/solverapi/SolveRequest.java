package io.fairauction.solverapi;

import io.fairauction.core.model.Auction;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway sends a solver for one auction ({@code POST {endpoint}/solve}).
 *
 * @param auction        the intents on offer and their tokens with native prices (the auction file format)
 * @param liquidity      the deployment's pools with their reserves when the auction was cut
 * @param deadlineMillis epoch milliseconds after which the gateway no longer reads answers
 * @param settlement     the settlement contract winning bids are executed by (interactions run from it)
 * @param chainId        the chain the settlement contract lives on
 */
public record SolveRequest(Auction auction, List<Pool> liquidity, long deadlineMillis, String settlement, long chainId) {
    public SolveRequest {
        Objects.requireNonNull(auction, "auction");
        Objects.requireNonNull(settlement, "settlement");
        liquidity = List.copyOf(liquidity);
    }
}

package io.fairauction.events;

import io.fairauction.core.model.Auction;
import io.fairauction.solverapi.Pool;
import java.util.List;
import java.util.Objects;

/**
 * On {@link Topics#AUCTIONS}: an auction the auctioneer cut. Solvers are asked for bids until {@code deadlineMillis}.
 *
 * @param auctionId      the auction's number, also {@code auction.id()}; increasing
 * @param liquidity      the deployment's pools as read when the auction was cut
 * @param settlement     the settlement contract that will execute the winners
 * @param chainId        its chain
 */
public record AuctionOpened(long auctionId, Auction auction, List<Pool> liquidity, long openedAtMillis,
                            long deadlineMillis, String settlement, long chainId) implements Event {
    public AuctionOpened {
        Objects.requireNonNull(auction, "auction");
        Objects.requireNonNull(settlement, "settlement");
        liquidity = List.copyOf(liquidity);
    }

    @Override
    public String key() {
        return Long.toString(auctionId);
    }
}

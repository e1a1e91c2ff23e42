package io.fairauction.core.model;

import java.util.List;
import java.util.Objects;

/** An auction together with the bids solvers sent for it: the input of every mechanism and of a replay file. */
public record Competition(Auction auction, List<Bid> bids) {
    public Competition {
        Objects.requireNonNull(auction, "auction");
        bids = List.copyOf(bids);
    }
}

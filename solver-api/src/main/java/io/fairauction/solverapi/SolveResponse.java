package io.fairauction.solverapi;

import io.fairauction.core.model.Bid;
import java.util.List;

/**
 * A solver's answer: its bids, individual and batched, in the auction file's bid format. The {@code solver} field
 * of each bid may be left out; the gateway sets it to the authenticated solver either way.
 */
public record SolveResponse(List<Bid> bids) {
    public SolveResponse {
        bids = List.copyOf(bids);
    }
}

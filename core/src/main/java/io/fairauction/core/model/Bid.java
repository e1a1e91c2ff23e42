package io.fairauction.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A solver's bid: the amount each trader of the listed intents will receive and pay. One trade makes an
 * individual bid, two or more a batched bid. The interactions are how the solver will execute it on chain.
 */
public record Bid(String id, String solver, List<Trade> trades, List<Interaction> interactions) {
    public Bid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(solver, "solver");
        trades = List.copyOf(trades);
        interactions = List.copyOf(interactions);
    }

    public Bid(String id, String solver, List<Trade> trades) {
        this(id, solver, trades, List.of());
    }

    public boolean isBatched() {
        return trades.size() >= 2;
    }
}

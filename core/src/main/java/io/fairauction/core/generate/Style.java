package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

/** One way of generating a synthetic auction, selected by name. Implementations are stateless. */
public interface Style {
    /** The name it is selected by, e.g. {@code market}. */
    String name();

    /** One line on what it models. */
    String summary();

    /** The number of batched bids (for the CATS styles: of all bids) when the caller does not say. */
    int defaultBatchedBids(int intents);

    /** The largest number of intents this style generates in reasonable time and memory. */
    int maxIntents();

    /** Rejects a spec this style cannot honour, with a message naming the problem. */
    default void check(AuctionGenerator.Spec spec) {
    }

    Competition generate(AuctionGenerator.Spec spec);
}

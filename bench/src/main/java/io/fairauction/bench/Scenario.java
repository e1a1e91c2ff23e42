package io.fairauction.bench;

import io.fairauction.core.generate.AuctionGenerator;

import java.util.Objects;

/**
 * One benchmark case: a family of generated auctions (one per seed) and the mechanism run on them.
 *
 * @param target what the issue asks for, in words, or empty
 * @param cbc    whether CBC solves the same instances side by side
 */
public record Scenario(String name, String style, int intents, int solvers, int batchedBids, String mechanism,
                       String target, boolean cbc) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(target, "target");
    }

    AuctionGenerator.Spec spec(long seed) {
        return new AuctionGenerator.Spec(intents, solvers, batchedBids, seed, style);
    }

    /** The generate command that produces the instance of a seed, for anyone re-running one. */
    String command(long seed) {
        return "./auction generate --style " + style + " --intents " + intents + " --solvers " + solvers
                + " --batched-bids " + batchedBids + " --seed " + seed;
    }
}

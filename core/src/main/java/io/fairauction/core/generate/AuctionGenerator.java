package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Synthetic auctions for tests, demos and benchmarks: the same spec gives the same auction, byte for byte, on
 * every run and machine. The {@code market} style models the paper's specialised solvers on realistic intents;
 * the CATS styles (Leyton-Brown, Pearson &amp; Shoham 2000) give the classic hard winner-determination instances
 * written as intents and bids. See {@code docs/generator.md}.
 */
public final class AuctionGenerator {
    public static final String DEFAULT_STYLE = "market";
    /** Bounds that keep a typo from asking for a machine's worth of memory. */
    public static final int MAX_SOLVERS = 10_000;
    public static final int MAX_BIDS = 2_000_000;

    private static final List<Style> STYLES = List.of(
            new MarketStyle(),
            new ArbitraryStyle(),
            new PathsStyle(),
            new RegionsStyle(),
            new SchedulingStyle(),
            new MatchingStyle(),
            new LegacyStyle(LegacyStyle.Family.RANDOM),
            new LegacyStyle(LegacyStyle.Family.WEIGHTED_RANDOM),
            new LegacyStyle(LegacyStyle.Family.UNIFORM),
            new LegacyStyle(LegacyStyle.Family.DECAY));

    private AuctionGenerator() {
    }

    /**
     * What to generate.
     *
     * @param intents     number of intents (for the CATS styles: of goods)
     * @param solvers     number of solvers (for the CATS styles: bidders are dealt to this many solvers)
     * @param batchedBids number of batched bids (for the CATS styles: of all bids); see
     *                    {@link #defaultBatchedBids(String, int)}
     * @param seed        the random seed: equal specs give byte-identical auctions
     * @param style       a name from {@link #styles()}
     */
    public record Spec(int intents, int solvers, int batchedBids, long seed, String style) {
        public Spec {
            Objects.requireNonNull(style, "style");
            Style s = known(style);
            if (intents < 1 || intents > s.maxIntents()) {
                throw new IllegalArgumentException("the number of intents must be in 1.." + s.maxIntents()
                        + " for style " + style + ", got " + intents);
            }
            if (solvers < 1 || solvers > MAX_SOLVERS) {
                throw new IllegalArgumentException("the number of solvers must be in 1.." + MAX_SOLVERS + ", got " + solvers);
            }
            if (batchedBids < 0 || batchedBids > MAX_BIDS) {
                throw new IllegalArgumentException("the number of batched bids must be in 0.." + MAX_BIDS + ", got " + batchedBids);
            }
        }

        /** A spec with the style's default number of batched bids. */
        public static Spec of(int intents, int solvers, long seed, String style) {
            Style s = known(style);
            return new Spec(intents, solvers, s.defaultBatchedBids(Math.max(intents, 0)), seed, style);
        }
    }

    public static List<Style> styles() {
        return STYLES;
    }

    public static Optional<Style> style(String name) {
        return STYLES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The style's default for {@code --batched-bids}: 2 per intent for {@code market}, 5 per good for CATS. */
    public static int defaultBatchedBids(String style, int intents) {
        return known(style).defaultBatchedBids(intents);
    }

    private static Style known(String name) {
        return style(name).orElseThrow(() -> new IllegalArgumentException("unknown style \"" + name
                + "\"; one of: " + STYLES.stream().map(Style::name).collect(Collectors.joining(", "))));
    }

    public static Competition generate(Spec spec) {
        Style style = style(spec.style()).orElseThrow();
        style.check(spec);
        return style.generate(spec);
    }
}

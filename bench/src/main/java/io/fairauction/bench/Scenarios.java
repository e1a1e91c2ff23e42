package io.fairauction.bench;

import java.util.List;
import java.util.Optional;

/** The benchmark cases of docs/benchmarks.md. */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * The targets of the auction-core issue, and CATS-style instances with 100-500 goods and 500-2,000 bids after
     * Leyton-Brown, Pearson and Shoham's suite, solved as plain winner determination ({@code combinatorial}, no
     * fairness filter) so CBC solves exactly the same problem.
     */
    public static List<Scenario> standard() {
        return List.of(
                new Scenario("market-200", "market", 200, 10, 400, "fair-combinatorial",
                        "200 intents, 10 solvers, 1,000 bids: median <= 50 ms", false),
                new Scenario("market-1000", "market", 1000, 20, 7000, "fair-combinatorial",
                        "1,000 intents, 20 solvers, 10,000 bids: median <= 1 s", false),
                cats("arbitrary", 100, 500),
                cats("arbitrary", 200, 1000),
                cats("arbitrary", 300, 1500),
                cats("paths", 200, 1000),
                cats("paths", 500, 2000),
                cats("regions", 250, 1000),
                cats("regions", 500, 2000),
                cats("scheduling", 100, 500),
                cats("scheduling", 250, 2000),
                // CATS matching and the legacy families (Sandholm 2002, Fujishima et al. 1999) at the sizes of the
                // CATS papers: a few hundred goods, up to a few thousand bids.
                cats("matching", 100, 500),
                cats("matching", 256, 2000),
                cats("random", 100, 500),
                cats("random", 500, 1000),
                cats("weighted-random", 100, 500),
                cats("weighted-random", 500, 1000),
                cats("uniform", 100, 500),
                cats("uniform", 500, 1000),
                cats("decay", 100, 500),
                cats("decay", 500, 1000));
    }

    private static Scenario cats(String style, int goods, int bids) {
        return new Scenario(style + "-" + goods + "-" + bids, style, goods, 10, bids, "combinatorial",
                "faster than CBC on the median instance", true);
    }

    public static Optional<Scenario> byName(String name) {
        return standard().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

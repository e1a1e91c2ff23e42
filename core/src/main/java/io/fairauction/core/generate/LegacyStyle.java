package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The "legacy" winner-determination distributions that came before CATS, from Sandholm, "Algorithm for optimal
 * winner determination in combinatorial auctions" (Artificial Intelligence 135, 2002, section 6) and Fujishima,
 * Leyton-Brown &amp; Shoham, "Taming the computational complexity of combinatorial auctions" (IJCAI 1999), as CATS
 * ships them (its legacy L1-L4). Each bid is independent of the others, on goods drawn uniformly:
 * <ul>
 *   <li>{@code random}: a number of goods uniform in 1..m, then that many distinct goods; price uniform in [0, 1];</li>
 *   <li>{@code weighted-random}: the same bundles, price uniform in [0, number of goods];</li>
 *   <li>{@code uniform}: exactly {@link #UNIFORM_GOODS} distinct goods, price uniform in [0, 1];</li>
 *   <li>{@code decay}: one good, then another with probability {@link #DECAY_ALPHA} again and again (Sandholm's
 *       α = 0.55); price uniform in [0, number of goods].</li>
 * </ul>
 * Prices are the real prices times {@link #PRICE_SCALE}, floored, shared equally among the bundle's goods. There
 * are no bidders (every bid its own), so bids are dealt round-robin to the solvers.
 */
final class LegacyStyle implements Style {
    static final int UNIFORM_GOODS = 3;
    static final double DECAY_ALPHA = 0.55;
    static final double PRICE_SCALE = 1_000_000;

    enum Family {
        RANDOM("random", "Sandholm random: bundle size uniform in 1..m, price uniform in [0,1]"),
        WEIGHTED_RANDOM("weighted-random", "Sandholm weighted random: bundle size uniform in 1..m, price uniform in [0, size]"),
        UNIFORM("uniform", "Sandholm uniform: " + UNIFORM_GOODS + " random goods per bid, price uniform in [0,1]"),
        DECAY("decay", "Sandholm/Fujishima decay: one good, one more with probability " + DECAY_ALPHA
                + " again and again, price uniform in [0, size]");

        final String style;
        final String summary;

        Family(String style, String summary) {
            this.style = style;
            this.summary = summary;
        }
    }

    private final Family family;

    LegacyStyle(Family family) {
        this.family = family;
    }

    @Override
    public String name() {
        return family.style;
    }

    @Override
    public String summary() {
        return family.summary + " (--batched-bids = all bids)";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return 5 * intents;
    }

    @Override
    public int maxIntents() {
        return 10_000;
    }

    @Override
    public void check(AuctionGenerator.Spec spec) {
        if (family == Family.UNIFORM && spec.intents() < UNIFORM_GOODS) {
            throw new IllegalArgumentException("style uniform needs at least " + UNIFORM_GOODS + " goods, got " + spec.intents());
        }
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, bids(spec, family));
    }

    static List<CatsAuction.CatsBid> bids(AuctionGenerator.Spec spec, Family family) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int m = spec.intents();
        List<CatsAuction.CatsBid> bids = new ArrayList<>(spec.batchedBids());
        for (int b = 0; b < spec.batchedBids(); b++) {
            int size = switch (family) {
                case RANDOM, WEIGHTED_RANDOM -> 1 + rng.nextInt(m);
                case UNIFORM -> UNIFORM_GOODS;
                case DECAY -> {
                    int s = 1;
                    while (s < m && rng.nextDouble() < DECAY_ALPHA) {
                        s++;
                    }
                    yield s;
                }
            };
            int[] goods = distinctGoods(rng, m, size);
            double max = family == Family.WEIGHTED_RANDOM || family == Family.DECAY ? size : 1;
            long price = CatsAuction.price(rng.nextDouble() * max, PRICE_SCALE);
            long[] equal = new long[size];
            Arrays.fill(equal, 1);
            bids.add(new CatsAuction.CatsBid(b, goods, price, equal));
        }
        return bids;
    }

    /** {@code k} distinct goods of {@code 0..m-1}, uniformly (Floyd's algorithm), ascending. */
    static int[] distinctGoods(SplittableRandom rng, int m, int k) {
        boolean[] in = new boolean[m];
        for (int j = m - k; j < m; j++) {
            int t = rng.nextInt(j + 1);
            in[in[t] ? j : t] = true;
        }
        int[] out = new int[k];
        int n = 0;
        for (int g = 0; g < m; g++) {
            if (in[g]) {
                out[n++] = g;
            }
        }
        return out;
    }
}

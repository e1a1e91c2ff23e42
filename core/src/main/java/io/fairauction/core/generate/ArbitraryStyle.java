package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CATS "arbitrary" (Leyton-Brown, Pearson &amp; Shoham 2000, section 4.3) in the variant that became the standard
 * MIP benchmark: Gasse et al. 2019, "Exact combinatorial optimization with graph convolutional neural networks"
 * (100 items / 500 bids, 200 / 1000, 300 / 1500), as implemented by {@code generate_cauctions} in
 * ds4dm/learn2branch and {@code CombinatorialAuctionGenerator} in ds4dm/ecole. Re-implemented here from that
 * description, with Gasse's parameters (add-item probability 0.7); not bit-compatible with numpy's streams.
 *
 * <p>Each good has a common resale value; goods have random pairwise compatibilities. Each bidder has private
 * values around the common ones, grows a bundle good by good (by interest and compatibility), and offers up to
 * five substitute bundles of the same size that share a good with the first, within budget and above a minimum
 * resale value. Prices are the CATS prices times 1000, floored.
 */
final class ArbitraryStyle implements Style {
    private static final double MIN_VALUE = 1;
    private static final double MAX_VALUE = 100;
    private static final double VALUE_DEVIATION = 0.5;
    private static final double ADD_ITEM_PROB = 0.7;
    private static final int MAX_SUB_BIDS = 5;
    private static final double ADDITIVITY = 0.2;
    private static final double BUDGET_FACTOR = 1.5;
    private static final double RESALE_FACTOR = 0.5;
    static final double PRICE_SCALE = 1000;

    @Override
    public String name() {
        return "arbitrary";
    }

    @Override
    public String summary() {
        return "CATS arbitrary as in Gasse et al. 2019 / Ecole: bundles grown by item compatibility (goods = intents, --batched-bids = all bids)";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return 5 * intents;
    }

    @Override
    public int maxIntents() {
        return 4_000; // the compatibility matrix is intents^2 doubles
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, bids(spec));
    }

    static List<CatsAuction.CatsBid> bids(AuctionGenerator.Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int n = spec.intents();
        int target = spec.batchedBids();

        // Common resale values.
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = MIN_VALUE + (MAX_VALUE - MIN_VALUE) * rng.nextDouble();
        }
        // Compatibilities: symmetric, zero diagonal, each column normalised to sum 1 (as numpy's compats / compats.sum(1)).
        double[][] compat = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                compat[i][j] = compat[j][i] = rng.nextDouble();
            }
        }
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += compat[i][j];
            }
            if (sum > 0) {
                for (int i = 0; i < n; i++) {
                    compat[i][j] /= sum;
                }
            }
        }

        List<CatsAuction.CatsBid> bids = new ArrayList<>();
        int bidder = 0;
        while (bids.size() < target) {
            double[] interests = new double[n];
            double[] privateValues = new double[n];
            for (int i = 0; i < n; i++) {
                interests[i] = rng.nextDouble();
                privateValues[i] = values[i] + MAX_VALUE * VALUE_DEVIATION * (2 * interests[i] - 1);
            }

            Grower first = new Grower(n, interests, compat);
            first.add(Draw.weighted(rng, interests));
            while (rng.nextDouble() < ADD_ITEM_PROB && first.size() < n) {
                first.add(first.next(rng));
            }
            int[] bundle = first.sorted();
            double price = price(bundle, privateValues);
            if (price < 0) {
                continue; // a bidder who would pay to avoid the goods: draw another
            }

            // Substitutes: same size, grown from each good of the first bundle.
            List<int[]> subs = new ArrayList<>();
            for (int item : bundle) {
                Grower g = new Grower(n, interests, compat);
                g.add(item);
                while (g.size() < bundle.length) {
                    g.add(g.next(rng));
                }
                subs.add(g.sorted());
            }
            List<int[]> byPrice = new ArrayList<>(subs);
            byPrice.sort(Comparator.comparingDouble((int[] s) -> -price(s, privateValues))); // stable: ties keep order

            double budget = BUDGET_FACTOR * price;
            double minResale = RESALE_FACTOR * sum(bundle, values);
            List<int[]> bidderBids = new ArrayList<>(List.of(bundle));
            Set<List<Integer>> seen = new LinkedHashSet<>(List.of(asList(bundle)));
            for (int[] sub : byPrice) {
                if (bidderBids.size() >= MAX_SUB_BIDS + 1 || bids.size() + bidderBids.size() >= target) {
                    break;
                }
                double subPrice = price(sub, privateValues);
                if (subPrice < 0 || subPrice > budget || sum(sub, values) < minResale || !seen.add(asList(sub))) {
                    continue;
                }
                bidderBids.add(sub);
            }
            for (int[] b : bidderBids) {
                bids.add(catsBid(bidder, b, privateValues));
            }
            bidder++;
        }
        return bids;
    }

    /** Private values plus a super-additive bonus of |bundle|^(1+additivity). */
    private static double price(int[] bundle, double[] privateValues) {
        return sum(bundle, privateValues) + StrictMath.pow(bundle.length, 1 + ADDITIVITY);
    }

    private static CatsAuction.CatsBid catsBid(int bidder, int[] bundle, double[] privateValues) {
        double bonus = StrictMath.pow(bundle.length, 1 + ADDITIVITY) / bundle.length;
        long[] weights = new long[bundle.length];
        for (int k = 0; k < bundle.length; k++) {
            weights[k] = CatsAuction.weight(Math.max(0, privateValues[bundle[k]]) + bonus);
        }
        return new CatsAuction.CatsBid(bidder, bundle, CatsAuction.price(price(bundle, privateValues), PRICE_SCALE), weights);
    }

    private static double sum(int[] bundle, double[] v) {
        double s = 0;
        for (int i : bundle) {
            s += v[i];
        }
        return s;
    }

    private static List<Integer> asList(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    /** A bundle being grown: the next good is drawn by interest times mean compatibility with the goods in it. */
    private static final class Grower {
        final boolean[] in;
        final double[] compatSum;
        final double[] interests;
        final double[][] compat;
        final List<Integer> items = new ArrayList<>();

        Grower(int n, double[] interests, double[][] compat) {
            this.in = new boolean[n];
            this.compatSum = new double[n];
            this.interests = interests;
            this.compat = compat;
        }

        int size() {
            return items.size();
        }

        void add(int item) {
            in[item] = true;
            items.add(item);
            double[] row = compat[item];
            for (int j = 0; j < row.length; j++) {
                compatSum[j] += row[j];
            }
        }

        int next(SplittableRandom rng) {
            double[] w = new double[in.length];
            boolean any = false;
            for (int j = 0; j < w.length; j++) {
                w[j] = in[j] ? 0 : interests[j] * compatSum[j];
                any |= w[j] > 0;
            }
            if (!any) {
                // Degenerate weights (all zero): any good not yet in.
                for (int j = 0; j < w.length; j++) {
                    w[j] = in[j] ? 0 : 1;
                }
            }
            return Draw.weighted(rng, w);
        }

        int[] sorted() {
            return items.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
    }
}

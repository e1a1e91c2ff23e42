package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * CATS "regions" (Leyton-Brown, Pearson &amp; Shoham 2000, section 4.2: proximity in space), uniform private values:
 * goods are plots on a grid (a few neighbour links removed, some diagonals added), each with a common value. A
 * bidder starts from a plot it likes and keeps adding neighbouring plots it likes (now and then any plot), values
 * the bundle at common plus private values plus a super-additive bonus, and offers up to five substitute bundles
 * of the same size grown from each of its plots, within budget and above a minimum resale value. The grid has
 * {@code floor(sqrt(n))} rows and enough columns for exactly {@code n} plots. Prices are the CATS prices times 1000,
 * floored.
 */
final class RegionsStyle implements Style {
    private static final double MAX_GOOD_VALUE = 100;
    private static final int MAX_SUB_BIDS = 5;
    private static final double REMOVE_NEIGHBOUR = 0.1;
    private static final double ADD_DIAGONAL = 0.2;
    private static final double ADDITIONAL_LOCATION = 0.9;
    private static final double JUMP = 0.05;
    private static final double ADDITIVITY = 0.2;
    private static final double DEVIATION = 0.5;
    private static final double BUDGET_FACTOR = 1.5;
    private static final double RESALE_FACTOR = 0.5;
    static final double PRICE_SCALE = 1000;

    @Override
    public String name() {
        return "regions";
    }

    @Override
    public String summary() {
        return "CATS regions: goods = plots on a grid, bids = bundles of neighbouring plots (--batched-bids = all bids)";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return 5 * intents;
    }

    @Override
    public int maxIntents() {
        return 10_000; // every bidder draws a value per plot: quadratic overall
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, bids(spec));
    }

    static List<CatsAuction.CatsBid> bids(AuctionGenerator.Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int n = spec.intents();
        List<List<Integer>> neighbours = map(rng, n);
        double[] common = new double[n];
        for (int i = 0; i < n; i++) {
            common[i] = rng.nextDouble() * (MAX_GOOD_VALUE - 1) + 1;
        }

        List<CatsAuction.CatsBid> bids = new ArrayList<>();
        int bidder = 0;
        while (bids.size() < spec.batchedBids()) {
            double[] privateValues = new double[n];
            double[] liking = new double[n];
            for (int i = 0; i < n; i++) {
                privateValues[i] = -DEVIATION * MAX_GOOD_VALUE + rng.nextDouble() * 2 * DEVIATION * MAX_GOOD_VALUE;
                liking[i] = privateValues[i] + DEVIATION * MAX_GOOD_VALUE; // only its proportions matter
            }
            Bundle b = new Bundle(n, neighbours, liking);
            b.add(Draw.weighted(rng, liking));
            while (rng.nextDouble() <= ADDITIONAL_LOCATION) {
                b.grow(rng);
            }
            double value = value(b.items, privateValues, common);
            if (value <= 0) {
                continue;
            }
            double budget = BUDGET_FACTOR * value;
            double minResale = RESALE_FACTOR * sum(b.items, common);

            List<int[]> substitutes = new ArrayList<>();
            for (int item : b.items) {
                Bundle s = new Bundle(n, neighbours, liking);
                s.add(item);
                while (s.items.size() < b.items.size()) {
                    s.grow(rng);
                }
                int[] sub = s.array();
                double v = value(s.items, privateValues, common);
                if (v >= 0 && v <= budget && sum(s.items, common) >= minResale && !sameGoods(sub, b.array())) {
                    substitutes.add(sub);
                }
            }
            // The most valuable substitutes first, no bundle twice (stable sort: ties keep their order).
            substitutes.sort(Comparator.comparingDouble((int[] s) -> -value(s, privateValues, common)));
            List<int[]> bidderBids = new ArrayList<>(List.of(b.array()));
            Set<List<Integer>> seen = new HashSet<>(List.of(sortedList(b.array())));
            for (int[] sub : substitutes) {
                if (bidderBids.size() > MAX_SUB_BIDS) {
                    break;
                }
                if (seen.add(sortedList(sub))) {
                    bidderBids.add(sub);
                }
            }
            for (int[] goods : bidderBids) {
                if (bids.size() == spec.batchedBids()) {
                    break;
                }
                bids.add(catsBid(bidder, goods, privateValues, common));
            }
            bidder++;
        }
        return bids;
    }

    /**
     * The plots' neighbours: right and down links each kept with probability 0.9, one of the two diagonals of a
     * cell added with probability 0.2. Redrawn (a bounded number of times) while some plot has no neighbour.
     */
    static List<List<Integer>> map(SplittableRandom rng, int n) {
        int rows = Math.max(1, (int) Math.floor(Math.sqrt(n)));
        int cols = (n + rows - 1) / rows;
        List<List<Integer>> neighbours = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Set<Integer>> adj = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                adj.add(new java.util.TreeSet<>());
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (rng.nextDouble() > REMOVE_NEIGHBOUR) {
                        link(adj, rows, cols, r, c, r + 1, c);
                    }
                    if (rng.nextDouble() > REMOVE_NEIGHBOUR) {
                        link(adj, rows, cols, r, c, r, c + 1);
                    }
                    if (rng.nextDouble() < ADD_DIAGONAL) {
                        if (rng.nextBoolean()) {
                            link(adj, rows, cols, r, c, r + 1, c + 1);
                        } else {
                            link(adj, rows, cols, r + 1, c, r, c + 1);
                        }
                    }
                }
            }
            neighbours = adj.stream().map(s -> (List<Integer>) new ArrayList<>(s)).toList();
            if (n == 1 || neighbours.stream().noneMatch(List::isEmpty)) {
                break;
            }
        }
        return neighbours;
    }

    private static void link(List<Set<Integer>> adj, int rows, int cols, int r1, int c1, int r2, int c2) {
        int a = r1 * cols + c1;
        int b = r2 * cols + c2;
        if (r1 < 0 || r2 < 0 || c1 < 0 || c2 < 0 || r1 >= rows || r2 >= rows || c1 >= cols || c2 >= cols
                || a >= adj.size() || b >= adj.size()) {
            return;
        }
        adj.get(a).add(b);
        adj.get(b).add(a);
    }

    private static double value(List<Integer> items, double[] privateValues, double[] common) {
        return sum(items, privateValues) + sum(items, common) + StrictMath.pow(items.size(), 1 + ADDITIVITY);
    }

    private static double value(int[] items, double[] privateValues, double[] common) {
        return value(Arrays.stream(items).boxed().toList(), privateValues, common);
    }

    private static double sum(List<Integer> items, double[] v) {
        double s = 0;
        for (int i : items) {
            s += v[i];
        }
        return s;
    }

    private static boolean sameGoods(int[] a, int[] b) {
        return sortedList(a).equals(sortedList(b));
    }

    private static List<Integer> sortedList(int[] a) {
        return Arrays.stream(a).sorted().boxed().toList();
    }

    private static CatsAuction.CatsBid catsBid(int bidder, int[] goods, double[] privateValues, double[] common) {
        double bonus = StrictMath.pow(goods.length, 1 + ADDITIVITY) / goods.length;
        long[] weights = new long[goods.length];
        for (int k = 0; k < goods.length; k++) {
            weights[k] = CatsAuction.weight(privateValues[goods[k]] + common[goods[k]] + bonus);
        }
        int[] sorted = goods.clone();
        Arrays.sort(sorted);
        long[] sortedWeights = new long[goods.length];
        for (int k = 0; k < sorted.length; k++) {
            for (int m = 0; m < goods.length; m++) {
                if (goods[m] == sorted[k]) {
                    sortedWeights[k] = weights[m];
                }
            }
        }
        return new CatsAuction.CatsBid(bidder, sorted, CatsAuction.price(value(goods, privateValues, common), PRICE_SCALE),
                sortedWeights);
    }

    /** A bundle being grown: by liking among neighbours of the plots in it, or (rarely) a jump to any plot. */
    private static final class Bundle {
        final boolean[] in;
        final int[] linksIn;
        /** Plots not in the bundle with a neighbour in it, ascending: the only ones a non-jump step can add. */
        final java.util.TreeSet<Integer> frontier = new java.util.TreeSet<>();
        final List<List<Integer>> neighbours;
        final double[] liking;
        final List<Integer> items = new ArrayList<>();

        Bundle(int n, List<List<Integer>> neighbours, double[] liking) {
            this.in = new boolean[n];
            this.linksIn = new int[n];
            this.neighbours = neighbours;
            this.liking = liking;
        }

        void add(int item) {
            in[item] = true;
            items.add(item);
            frontier.remove(item);
            for (int nb : neighbours.get(item)) {
                linksIn[nb]++;
                if (!in[nb]) {
                    frontier.add(nb);
                }
            }
        }

        void grow(SplittableRandom rng) {
            if (items.size() >= in.length) {
                return;
            }
            if (rng.nextDouble() < JUMP) {
                int item;
                do {
                    item = rng.nextInt(in.length);
                } while (in[item]);
                add(item);
                return;
            }
            // Weight: how many of the bundle's plots it borders, times how much the bidder likes it.
            int[] plots = frontier.stream().mapToInt(Integer::intValue).toArray();
            double[] w = new double[plots.length];
            double total = 0;
            for (int k = 0; k < plots.length; k++) {
                w[k] = linksIn[plots[k]] * liking[plots[k]];
                total += w[k];
            }
            if (total > 0) {
                add(plots[Draw.weighted(rng, w)]);
            }
        }

        int[] array() {
            return items.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}

package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CATS "temporal matching" (Leyton-Brown, Pearson &amp; Shoham 2000, section 4.4): take-off and landing slots at
 * the four airports of the FAA's high-density rule (Chicago O'Hare, Washington Reagan National, New York LaGuardia
 * and JFK). The goods are {@code N/4} time slots at each airport; a bid is for one take-off slot at its origin and
 * one landing slot at its destination. A flight between two airports takes a number of slots proportional to their
 * distance, the longest {@code min(10, slots - 1)}; LaGuardia and JFK are too close for a flight between them.
 *
 * <p>Each airport has a value uniform in [0, 5]. A bidder draws a route, a deviation {@code d} uniform in
 * [0.5, 1.5] and an intended take-off; it bids on every take-off from one slot early to two late and every landing
 * from the earliest the flight allows to two slots after the intended landing, at
 * {@code d · (value(origin) + value(destination)) · 0.9^(extra slots in the air) · 0.75^(slots landed late)}
 * (CATS's parameters). Prices are times 10^5, floored, shared between the two slots by airport value.
 */
final class MatchingStyle implements Style {
    /** Latitude and longitude of ORD, DCA, LGA, JFK: only their distances matter. */
    private static final double[][] AIRPORTS = {{41.9786, -87.9048}, {38.8512, -77.0402}, {40.7769, -73.8740},
            {40.6413, -73.7781}};
    static final int AIRPORT_COUNT = AIRPORTS.length;
    private static final int LGA = 2;
    private static final int JFK = 3;
    private static final int MAX_LONGEST_FLIGHT = 10;
    private static final double MAX_AIRPORT_VALUE = 5;
    private static final double DEVIATION = 0.5;
    static final int EARLY_TAKEOFF = 1;
    static final int LATE_TAKEOFF = 2;
    static final int LATE_LANDING = 2;
    static final double DELAY_COEFF = 0.9;
    static final double LATE_COEFF = 0.75;
    static final double PRICE_SCALE = 100_000;

    @Override
    public String name() {
        return "matching";
    }

    @Override
    public String summary() {
        return "CATS temporal matching: goods = take-off/landing slots at 4 airports (N/4 each), bids = a take-off and a landing slot (--batched-bids = all bids)";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return 5 * intents;
    }

    @Override
    public int maxIntents() {
        return 100_000;
    }

    @Override
    public void check(AuctionGenerator.Spec spec) {
        if (spec.intents() % AIRPORT_COUNT != 0 || spec.intents() < 2 * AIRPORT_COUNT) {
            throw new IllegalArgumentException("style matching needs a multiple of " + AIRPORT_COUNT
                    + " goods (slots at each of 4 airports), at least " + 2 * AIRPORT_COUNT + ", got " + spec.intents());
        }
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, bids(spec));
    }

    /** Slots a flight between two airports takes: proportional to distance, at least 1. */
    static int[][] flightSlots(int slots) {
        int longest = Math.min(MAX_LONGEST_FLIGHT, slots - 1);
        double max = 0;
        for (int a = 0; a < AIRPORT_COUNT; a++) {
            for (int b = 0; b < AIRPORT_COUNT; b++) {
                max = Math.max(max, distance(a, b));
            }
        }
        int[][] length = new int[AIRPORT_COUNT][AIRPORT_COUNT];
        for (int a = 0; a < AIRPORT_COUNT; a++) {
            for (int b = 0; b < AIRPORT_COUNT; b++) {
                length[a][b] = Math.max(1, (int) StrictMath.floor(longest * distance(a, b) / max));
            }
        }
        return length;
    }

    static boolean isRoute(int a, int b) {
        return a != b && !(Math.min(a, b) == LGA && Math.max(a, b) == JFK);
    }

    private static double distance(int a, int b) {
        double dx = AIRPORTS[a][0] - AIRPORTS[b][0];
        double dy = AIRPORTS[a][1] - AIRPORTS[b][1];
        return StrictMath.sqrt(dx * dx + dy * dy);
    }

    static List<CatsAuction.CatsBid> bids(AuctionGenerator.Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int slots = spec.intents() / AIRPORT_COUNT;
        int[][] length = flightSlots(slots);
        double[] value = new double[AIRPORT_COUNT];
        for (int a = 0; a < AIRPORT_COUNT; a++) {
            value[a] = rng.nextDouble() * MAX_AIRPORT_VALUE;
        }
        List<int[]> routes = new ArrayList<>();
        for (int a = 0; a < AIRPORT_COUNT; a++) {
            for (int b = 0; b < AIRPORT_COUNT; b++) {
                if (isRoute(a, b)) {
                    routes.add(new int[] {a, b});
                }
            }
        }
        List<CatsAuction.CatsBid> bids = new ArrayList<>();
        for (int bidder = 0; bids.size() < spec.batchedBids(); bidder++) {
            int[] route = routes.get(rng.nextInt(routes.size()));
            int from = route[0];
            int to = route[1];
            int l = length[from][to];
            double base = (1 - DEVIATION + 2 * DEVIATION * rng.nextDouble()) * (value[from] + value[to]);
            int intended = rng.nextInt(slots - l); // take-off; the flight lands by the last slot
            int landingDue = intended + l;
            for (int off = Math.max(0, intended - EARLY_TAKEOFF);
                 off <= Math.min(slots - 1 - l, intended + LATE_TAKEOFF) && bids.size() < spec.batchedBids(); off++) {
                for (int land = off + l; land <= Math.min(slots - 1, landingDue + LATE_LANDING)
                        && bids.size() < spec.batchedBids(); land++) {
                    int delay = land - off - l;
                    int late = Math.max(0, land - landingDue);
                    double v = base * StrictMath.pow(DELAY_COEFF, delay) * StrictMath.pow(LATE_COEFF, late);
                    long[] weights = {CatsAuction.weight(value[from]), CatsAuction.weight(value[to])};
                    bids.add(new CatsAuction.CatsBid(bidder, new int[] {from * slots + off, to * slots + land},
                            CatsAuction.price(v, PRICE_SCALE), weights));
                }
            }
        }
        return bids;
    }
}

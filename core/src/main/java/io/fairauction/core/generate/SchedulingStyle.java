package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CATS "temporal scheduling" (Leyton-Brown, Pearson &amp; Shoham 2000, section 4.5): goods are the time slots of
 * one machine. A bidder has a job of length {@code l} (1 to 10 slots) and a deadline; it bids for every run of
 * {@code l} consecutive slots that ends by the deadline, and with probability 0.7 each adds a later deadline at a
 * lower value. A job finished by deadline {@code d} is worth {@code dev · l^1.2 · d₁/d} (deadlines counted from
 * 1, which avoids CATS's 0/0 for a one-slot job due in slot 0). Prices are that value times 10^5, floored, shared
 * equally among the slots.
 */
final class SchedulingStyle implements Style {
    private static final int MAX_LENGTH = 10;
    private static final double DEVIATION = 0.5;
    private static final double PROB_ADDITIONAL_DEADLINE = 0.7;
    private static final double ADDITIVITY = 0.2;
    static final double PRICE_SCALE = 100_000;

    @Override
    public String name() {
        return "scheduling";
    }

    @Override
    public String summary() {
        return "CATS temporal scheduling: goods = time slots, bids = runs of consecutive slots before a deadline (--batched-bids = all bids)";
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
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, bids(spec));
    }

    static List<CatsAuction.CatsBid> bids(AuctionGenerator.Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int n = spec.intents();
        int maxLength = Math.min(MAX_LENGTH, n);
        List<CatsAuction.CatsBid> bids = new ArrayList<>();
        for (int bidder = 0; bids.size() < spec.batchedBids(); bidder++) {
            int length = 1 + rng.nextInt(maxLength);
            int firstDeadline = length - 1 + rng.nextInt(n - length + 1);
            double deviation = 1 - DEVIATION + 2 * rng.nextDouble() * DEVIATION;
            double base = deviation * StrictMath.pow(length, 1 + ADDITIVITY);
            int covered = -1; // runs ending at or before this slot are already bid
            int deadline = firstDeadline;
            while (bids.size() < spec.batchedBids()) {
                long price = CatsAuction.price(base * (firstDeadline + 1) / (deadline + 1), PRICE_SCALE);
                for (int end = Math.max(covered + 1, length - 1); end <= deadline && bids.size() < spec.batchedBids(); end++) {
                    int[] slots = new int[length];
                    for (int k = 0; k < length; k++) {
                        slots[k] = end - length + 1 + k;
                    }
                    long[] equal = new long[length];
                    java.util.Arrays.fill(equal, 1);
                    bids.add(new CatsAuction.CatsBid(bidder, slots, price, equal));
                }
                covered = deadline;
                if (covered == n - 1 || rng.nextDouble() > PROB_ADDITIONAL_DEADLINE) {
                    break;
                }
                deadline = covered + 1 + rng.nextInt(n - covered - 1);
            }
        }
        return bids;
    }
}

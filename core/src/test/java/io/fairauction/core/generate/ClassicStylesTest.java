package io.fairauction.core.generate;

import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Competition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CATS matching and the legacy families: the properties that define each distribution. */
class ClassicStylesTest {
    private static final List<String> STYLES = List.of("matching", "random", "weighted-random", "uniform", "decay");

    private static AuctionGenerator.Spec spec(String style, int goods, int bids, long seed) {
        return new AuctionGenerator.Spec(goods, 10, bids, seed, style);
    }

    @ParameterizedTest
    @ValueSource(strings = {"matching", "random", "weighted-random", "uniform", "decay"})
    void sameSpecSameBytesAndTheRequestedSizes(String style) {
        AuctionGenerator.Spec spec = spec(style, 40, 200, 11);
        Competition a = AuctionGenerator.generate(spec);
        assertThat(AuctionJson.write(a, false)).isEqualTo(AuctionJson.write(AuctionGenerator.generate(spec), false));
        assertThat(AuctionJson.write(a, false)).isNotEqualTo(AuctionJson.write(
                AuctionGenerator.generate(spec(style, 40, 200, 12)), false));
        assertThat(a.auction().intents()).hasSize(40);
        assertThat(a.bids()).hasSize(200);
    }

    @Test
    void legacyBundlesAreDistinctGoodsOfTheFamilysSize() {
        int m = 50;
        for (LegacyStyle.Family f : LegacyStyle.Family.values()) {
            List<CatsAuction.CatsBid> bids = LegacyStyle.bids(spec(f.style, m, 4000, 3), f);
            double sizeSum = 0;
            for (CatsAuction.CatsBid b : bids) {
                int[] g = b.goods();
                assertThat(Arrays.stream(g).distinct().count()).as(f.style).isEqualTo(g.length);
                assertThat(Arrays.stream(g).allMatch(x -> x >= 0 && x < m)).as(f.style).isTrue();
                if (f == LegacyStyle.Family.UNIFORM) {
                    assertThat(g).hasSize(LegacyStyle.UNIFORM_GOODS);
                }
                sizeSum += g.length;
            }
            double mean = sizeSum / bids.size();
            switch (f) {
                // size uniform in 1..m: mean (m + 1) / 2
                case RANDOM, WEIGHTED_RANDOM -> assertThat(mean).as(f.style).isBetween(24.5, 26.5);
                // geometric: 1 + alpha + alpha^2 + ... = 1 / (1 - alpha) = 2.22
                case DECAY -> assertThat(mean).as(f.style).isBetween(2.1, 2.35);
                case UNIFORM -> assertThat(mean).isEqualTo(3.0);
            }
        }
    }

    @Test
    void legacyPricesAreUniformUpToOneOrTheBundleSize() {
        for (LegacyStyle.Family f : LegacyStyle.Family.values()) {
            boolean bySize = f == LegacyStyle.Family.WEIGHTED_RANDOM || f == LegacyStyle.Family.DECAY;
            double ratioSum = 0;
            List<CatsAuction.CatsBid> bids = LegacyStyle.bids(spec(f.style, 30, 4000, 5), f);
            for (CatsAuction.CatsBid b : bids) {
                double max = LegacyStyle.PRICE_SCALE * (bySize ? b.goods().length : 1);
                assertThat((double) b.price()).as(f.style).isBetween(0.0, max);
                ratioSum += b.price() / max;
            }
            assertThat(ratioSum / bids.size()).as(f.style + ": mean price / its maximum").isBetween(0.47, 0.53);
        }
    }

    @Test
    void legacyFamiliesAreNotEachOther() {
        // Weighted random prices grow with the bundle; random ones do not.
        List<CatsAuction.CatsBid> w = LegacyStyle.bids(spec("weighted-random", 100, 2000, 1), LegacyStyle.Family.WEIGHTED_RANDOM);
        List<CatsAuction.CatsBid> r = LegacyStyle.bids(spec("random", 100, 2000, 1), LegacyStyle.Family.RANDOM);
        assertThat(meanPriceOfSizeAbove(w, 50)).isGreaterThan(2 * meanPriceOfSizeBelow(w, 50));
        assertThat(meanPriceOfSizeAbove(r, 50) / meanPriceOfSizeBelow(r, 50)).isBetween(0.8, 1.25);
    }

    private static double meanPriceOfSizeAbove(List<CatsAuction.CatsBid> bids, int size) {
        return bids.stream().filter(b -> b.goods().length > size).mapToLong(CatsAuction.CatsBid::price).average().orElseThrow();
    }

    private static double meanPriceOfSizeBelow(List<CatsAuction.CatsBid> bids, int size) {
        return bids.stream().filter(b -> b.goods().length <= size).mapToLong(CatsAuction.CatsBid::price).average().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3})
    void matchingBidsAreATakeOffAndALaterLandingOnARoute(long seed) {
        int goods = 100;
        int slots = goods / MatchingStyle.AIRPORT_COUNT;
        int[][] flight = MatchingStyle.flightSlots(slots);
        Map<Integer, int[]> routeOfBidder = new HashMap<>();
        for (CatsAuction.CatsBid b : MatchingStyle.bids(spec("matching", goods, 1000, seed))) {
            assertThat(b.goods()).hasSize(2);
            int from = b.goods()[0] / slots;
            int off = b.goods()[0] % slots;
            int to = b.goods()[1] / slots;
            int land = b.goods()[1] % slots;
            assertThat(MatchingStyle.isRoute(from, to)).as("a flight between two different, not neighbouring, airports").isTrue();
            assertThat(land - off).as("in the air at least the flight's length").isGreaterThanOrEqualTo(flight[from][to]);
            // At most 2 extra slots in the air beyond the take-off's own lateness, and a positive price below
            // 1.5 * (5 + 5) * 10^5.
            assertThat(land - off - flight[from][to]).isLessThanOrEqualTo(MatchingStyle.EARLY_TAKEOFF + MatchingStyle.LATE_LANDING);
            assertThat(b.price()).isBetween(0L, 1_500_000L);
            int[] route = routeOfBidder.computeIfAbsent(b.bidder(), k -> new int[] {from, to});
            assertThat(route).as("a bidder flies one route").containsExactly(from, to);
        }
        assertThat(routeOfBidder.size()).isGreaterThan(50);
    }

    @Test
    void matchingPricesFallWithDelayAndLateness() {
        // Within one bidder, the on-time bid (take-off as intended, shortest flight) is worth the most.
        Map<Integer, Long> best = new HashMap<>();
        Map<Integer, Long> shortestPrice = new HashMap<>();
        int slots = 25;
        int[][] flight = MatchingStyle.flightSlots(slots);
        for (CatsAuction.CatsBid b : MatchingStyle.bids(spec("matching", 4 * slots, 2000, 9))) {
            best.merge(b.bidder(), b.price(), Math::max);
            int from = b.goods()[0] / slots;
            int to = b.goods()[1] / slots;
            int delay = b.goods()[1] % slots - b.goods()[0] % slots - flight[from][to];
            if (delay == 0) {
                shortestPrice.merge(b.bidder(), b.price(), Math::max);
            }
        }
        best.forEach((bidder, p) -> assertThat(shortestPrice.get(bidder)).as("bidder " + bidder).isEqualTo(p));
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> AuctionGenerator.generate(spec("matching", 30, 10, 1)))
                .hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> AuctionGenerator.generate(spec("uniform", 2, 10, 1)))
                .hasMessageContaining("at least 3 goods");
        assertThat(STYLES).allMatch(s -> AuctionGenerator.style(s).isPresent());
    }
}

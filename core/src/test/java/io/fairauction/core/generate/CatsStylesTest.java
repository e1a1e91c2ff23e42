package io.fairauction.core.generate;

import io.fairauction.core.mechanism.ScoredBid;
import io.fairauction.core.mechanism.Screening;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Trade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CatsStylesTest {

    /** Each CATS style with the function that gives its bundles and prices before they become bids. */
    private static final Map<String, Function<AuctionGenerator.Spec, List<CatsAuction.CatsBid>>> STYLES = Map.of(
            "arbitrary", ArbitraryStyle::bids,
            "paths", s -> PathsStyle.instance(s).bids(),
            "regions", RegionsStyle::bids,
            "scheduling", SchedulingStyle::bids);

    static Stream<Arguments> stylesAndSizes() {
        List<Arguments> args = new ArrayList<>();
        long seed = 0;
        for (String style : List.of("arbitrary", "paths", "regions", "scheduling")) {
            for (int[] size : new int[][] {{1, 1, 3}, {2, 3, 10}, {7, 2, 35}, {40, 6, 200}, {100, 10, 500}}) {
                args.add(Arguments.of(style, size[0], size[1], size[2], seed++));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1} goods, {2} solvers, {3} bids, seed {4}")
    @MethodSource("stylesAndSizes")
    void sizesMatchTheArguments(String style, int goods, int solvers, int bids, long seed) {
        Competition c = AuctionGenerator.generate(new AuctionGenerator.Spec(goods, solvers, bids, seed, style));
        String what = style + " seed " + seed;
        assertThat(c.auction().intents()).as(what).hasSize(goods);
        assertThat(c.bids()).as(what).hasSize(bids);
        assertThat(c.bids().stream().map(Bid::solver).distinct().count()).as(what).isBetween(1L, (long) solvers);
    }

    @ParameterizedTest(name = "{0}: {1} goods, {2} solvers, {3} bids, seed {4}")
    @MethodSource("stylesAndSizes")
    void everyBidScoresExactlyItsCatsPrice(String style, int goods, int solvers, int bids, long seed) {
        AuctionGenerator.Spec spec = new AuctionGenerator.Spec(goods, solvers, bids, seed, style);
        List<CatsAuction.CatsBid> cats = STYLES.get(style).apply(spec);
        Competition c = AuctionGenerator.generate(spec);
        Screening.Screened s = Screening.screen(c);
        assertThat(s.filtered()).as("%s seed %d: screening rejects", style, seed).isEmpty();
        Map<String, BigInteger> scores = new HashMap<>();
        s.valid().forEach(b -> scores.put(b.id(), b.score()));
        for (int k = 0; k < cats.size(); k++) {
            Bid bid = c.bids().get(k);
            String what = style + " seed " + seed + " bid " + bid.id();
            assertThat(scores.get(bid.id())).as(what).isEqualTo(BigInteger.valueOf(cats.get(k).price()));
            assertThat(bid.trades()).extracting(Trade::intent).as(what)
                    .containsExactlyElementsOf(Arrays.stream(cats.get(k).goods()).mapToObj(CatsAuction::uid).toList());
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("stylesAndSeeds")
    void pricesAreModerateIntegersAndBundlesAreCombinatorial(String style, long seed) {
        List<CatsAuction.CatsBid> cats = STYLES.get(style).apply(new AuctionGenerator.Spec(100, 10, 500, seed, style));
        String what = style + " seed " + seed;
        assertThat(cats).as(what).allSatisfy(b -> assertThat(b.price()).isBetween(0L, 10_000_000L));
        assertThat(cats.stream().mapToLong(CatsAuction.CatsBid::price).max().orElse(0)).as(what).isGreaterThan(10_000L);
        assertThat(cats.stream().filter(b -> b.goods().length >= 2).count()).as(what + ": bids on two goods or more")
                .isGreaterThan(250L);
        assertThat(cats).as(what).allSatisfy(b ->
                assertThat(Arrays.stream(b.goods()).distinct().count()).isEqualTo(b.goods().length));
    }

    static Stream<Arguments> stylesAndSeeds() {
        return STYLES.keySet().stream().sorted().flatMap(s -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(s, seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void pathsBundlesAreSimplePathsOfRoads(long seed) {
        PathsStyle.Instance inst = PathsStyle.instance(new AuctionGenerator.Spec(120, 8, 400, seed, "paths"));
        for (CatsAuction.CatsBid b : inst.bids()) {
            String what = "seed " + seed + ", bundle " + Arrays.toString(b.goods());
            // Walk the roads in order: each must start where the last one ended, and no city twice.
            int[] first = inst.roads()[b.goods()[0]];
            int at;
            if (b.goods().length == 1) {
                continue;
            }
            int[] second = inst.roads()[b.goods()[1]];
            at = (first[0] == second[0] || first[0] == second[1]) ? first[1] : first[0];
            Set<Integer> visited = new HashSet<>(List.of(at));
            for (int road : b.goods()) {
                int[] r = inst.roads()[road];
                assertThat(r[0] == at || r[1] == at).as(what + ": road " + road + " continues at city " + at).isTrue();
                at = r[0] == at ? r[1] : r[0];
                assertThat(visited.add(at)).as(what + ": city " + at + " visited once").isTrue();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void pathsMapHasOneRoadPerIntentAndIsConnected(long seed) {
        PathsStyle.Instance inst = PathsStyle.instance(new AuctionGenerator.Spec(150, 8, 10, seed, "paths"));
        assertThat(inst.roads()).as("seed %d", seed).hasNumberOfRows(150);
        Set<Long> distinct = new HashSet<>();
        int cities = inst.x().length;
        int[] parent = new int[cities];
        for (int c = 0; c < cities; c++) {
            parent[c] = c;
        }
        for (int[] r : inst.roads()) {
            assertThat(r[0]).as("seed %d", seed).isNotEqualTo(r[1]);
            assertThat(distinct.add((long) r[0] << 32 | r[1])).as("seed %d: road %s once", seed, Arrays.toString(r)).isTrue();
            parent[find(parent, r[0])] = find(parent, r[1]);
        }
        for (int c = 0; c < cities; c++) {
            assertThat(find(parent, c)).as("seed %d: city %d connected", seed, c).isEqualTo(find(parent, 0));
        }
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            c = parent[c];
        }
        return c;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void schedulingBundlesAreRunsOfConsecutiveSlots(long seed) {
        for (CatsAuction.CatsBid b : SchedulingStyle.bids(new AuctionGenerator.Spec(50, 5, 250, seed, "scheduling"))) {
            for (int k = 1; k < b.goods().length; k++) {
                assertThat(b.goods()[k]).as("seed %d, bundle %s", seed, Arrays.toString(b.goods())).isEqualTo(b.goods()[k - 1] + 1);
            }
            assertThat(b.goods().length).as("seed %d", seed).isBetween(1, 10);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void eachBiddersBundlesGoToOneSolver(long seed) {
        AuctionGenerator.Spec spec = new AuctionGenerator.Spec(60, 4, 300, seed, "arbitrary");
        List<CatsAuction.CatsBid> cats = ArbitraryStyle.bids(spec);
        Competition c = AuctionGenerator.generate(spec);
        Map<Integer, Set<String>> solversOfBidder = new HashMap<>();
        for (int k = 0; k < cats.size(); k++) {
            solversOfBidder.computeIfAbsent(cats.get(k).bidder(), x -> new HashSet<>()).add(c.bids().get(k).solver());
        }
        assertThat(solversOfBidder.values()).as("seed %d", seed).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(c.bids().stream().map(Bid::solver).distinct()).as("seed %d", seed).hasSize(4);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void arbitraryBiddersOfferAtMostSixSubstitutesSharingAGood(long seed) {
        List<CatsAuction.CatsBid> cats = ArbitraryStyle.bids(new AuctionGenerator.Spec(100, 10, 500, seed, "arbitrary"));
        Map<Integer, List<CatsAuction.CatsBid>> byBidder = new HashMap<>();
        cats.forEach(b -> byBidder.computeIfAbsent(b.bidder(), x -> new ArrayList<>()).add(b));
        for (List<CatsAuction.CatsBid> bids : byBidder.values()) {
            assertThat(bids).as("seed %d", seed).hasSizeBetween(1, 6);
            Set<Integer> firstBundle = new HashSet<>();
            Arrays.stream(bids.get(0).goods()).forEach(firstBundle::add);
            for (CatsAuction.CatsBid sub : bids.subList(1, bids.size())) {
                assertThat(sub.goods().length).as("seed %d: substitutes have the first bundle's size", seed)
                        .isEqualTo(bids.get(0).goods().length);
                assertThat(Arrays.stream(sub.goods()).anyMatch(firstBundle::contains))
                        .as("seed %d: a substitute shares a good with the first bundle", seed).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void catsIntentsAreOneTokenForOneAtEqualPrices(long seed) {
        Competition c = AuctionGenerator.generate(new AuctionGenerator.Spec(10, 2, 20, seed, "regions"));
        assertThat(c.auction().tokens().values()).allSatisfy(t -> {
            assertThat(t.decimals()).isEqualTo(18);
            assertThat(t.nativePrice()).isEqualTo(BigInteger.TEN.pow(18));
        });
        assertThat(c.auction().intents()).allSatisfy(i -> {
            assertThat(i.sellAmount()).isEqualTo(BigInteger.TEN.pow(18));
            assertThat(i.buyAmount()).isEqualTo(BigInteger.TEN.pow(18));
        });
        List<ScoredBid> valid = Screening.screen(c).valid();
        assertThat(valid).as("seed %d", seed).hasSize(20);
    }
}

package io.fairauction.core.generate;

import io.fairauction.core.mechanism.Fairness;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.mechanism.Reference;
import io.fairauction.core.mechanism.ScoredBid;
import io.fairauction.core.mechanism.Screening;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.FilterCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MarketStyleTest {

    private static Competition market(int intents, int solvers, int batched, long seed) {
        return AuctionGenerator.generate(new AuctionGenerator.Spec(intents, solvers, batched, seed, "market"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void everyBidPassesScreening(long seed) {
        Competition c = market(80, 7, 160, seed);
        Screening.Screened s = Screening.screen(c);
        assertThat(s.filtered()).as("seed %d: bids screening rejects", seed).isEmpty();
        assertThat(s.valid()).as("seed %d", seed).hasSize(c.bids().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5})
    void tradesAreFillOrKillWithinLimitsAndIn256Bits(long seed) {
        Competition c = market(60, 5, 120, seed);
        Map<String, Intent> intents = new HashMap<>();
        c.auction().intents().forEach(i -> intents.put(i.uid(), i));
        for (Bid b : c.bids()) {
            Set<String> seen = new HashSet<>();
            for (Trade t : b.trades()) {
                Intent i = intents.get(t.intent());
                String where = "seed " + seed + ", bid " + b.id() + ", intent " + t.intent();
                assertThat(i).as(where).isNotNull();
                assertThat(seen.add(t.intent())).as(where + " appears once").isTrue();
                assertThat(t.executedSell()).as(where).isPositive().isLessThanOrEqualTo(io.fairauction.core.model.U256.MAX);
                assertThat(t.executedBuy()).as(where).isPositive().isLessThanOrEqualTo(io.fairauction.core.model.U256.MAX);
                if (i.side() == Side.SELL) {
                    assertThat(t.executedSell()).as(where).isEqualTo(i.sellAmount());
                    assertThat(t.executedBuy()).as(where).isGreaterThanOrEqualTo(i.buyAmount());
                } else {
                    assertThat(t.executedBuy()).as(where).isEqualTo(i.buyAmount());
                    assertThat(t.executedSell()).as(where).isLessThanOrEqualTo(i.sellAmount());
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7})
    void fairnessFilterRemovesSomeBatchedBidsAndKeepsOthers(long seed) {
        Competition c = market(30, 6, 60, seed);
        AuctionResult r = Mechanisms.fairCombinatorial().run(c,
                MechanismOptions.DEFAULT.withTimeLimit(Duration.ofSeconds(20)));
        Set<String> batched = new HashSet<>();
        c.bids().stream().filter(Bid::isBatched).forEach(b -> batched.add(b.id()));
        long unfair = r.filtered().values().stream().filter(f -> f.code() == FilterCode.UNFAIR).count();
        long surviving = batched.stream().filter(id -> !r.filtered().containsKey(id)).count();
        assertThat(r.filtered().values()).as("seed %d: only the fairness filter removes bids", seed)
                .allSatisfy(f -> assertThat(f.code()).isEqualTo(FilterCode.UNFAIR));
        assertThat(unfair).as("seed %d: unfair batched bids", seed).isPositive();
        assertThat(surviving).as("seed %d: batched bids that pass the filter", seed).isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5})
    void theFairnessFilterKeepsManyBatchedBidsAndRemovesMany(long seed) {
        Competition c = market(200, 10, 400, seed);
        Screening.Screened s = Screening.screen(c);
        Map<String, Reference> refs = Reference.firstPrice(c.auction(), s.valid());
        long unfair = s.valid().stream().filter(ScoredBid::isBatched)
                .filter(b -> Fairness.firstPrice(b, refs).isPresent()).count();
        // 54-70% over seeds 0-5: every batch of unrelated intents that gains less than the specialists is unfair.
        assertThat(unfair).as("seed %d: unfair among 400 batched bids", seed).isBetween(120L, 320L);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3})
    void batchesOnOnePairPassTheFilterMoreOftenThanBatchesOfUnrelatedIntents(long seed) {
        Competition c = market(300, 10, 900, seed);
        Map<String, Intent> intents = new HashMap<>();
        c.auction().intents().forEach(i -> intents.put(i.uid(), i));
        Screening.Screened s = Screening.screen(c);
        Map<String, Reference> refs = Reference.firstPrice(c.auction(), s.valid());
        long[] fair = new long[2];
        long[] all = new long[2]; // [0] one token pair, [1] no two intents share a token
        for (ScoredBid b : s.valid()) {
            if (!b.isBatched()) {
                continue;
            }
            List<Intent> in = b.bid().trades().stream().map(t -> intents.get(t.intent())).toList();
            Set<Set<String>> pairs = new HashSet<>();
            in.forEach(i -> pairs.add(Set.of(i.sellToken(), i.buyToken())));
            Set<String> tokens = new HashSet<>();
            in.forEach(i -> {
                tokens.add(i.sellToken());
                tokens.add(i.buyToken());
            });
            int kind = pairs.size() == 1 ? 0 : tokens.size() == 2 * in.size() ? 1 : -1;
            if (kind >= 0) {
                all[kind]++;
                fair[kind] += Fairness.firstPrice(b, refs).isEmpty() ? 1 : 0;
            }
        }
        assertThat(all[0]).as("seed %d: batches on one pair", seed).isGreaterThan(20);
        assertThat(all[1]).as("seed %d: batches of unrelated intents", seed).isGreaterThan(20);
        assertThat((double) fair[0] / all[0]).as("seed %d: fair share, one pair %s vs unrelated %s", seed,
                fair[0] + "/" + all[0], fair[1] + "/" + all[1]).isGreaterThan((double) fair[1] / all[1] + 0.1);
    }

    @Test
    void batchedBidsWinTheFairAuctionToo() {
        Competition c = market(60, 8, 120, 3);
        AuctionResult r = Mechanisms.fairCombinatorial().run(c, MechanismOptions.DEFAULT);
        Set<String> batched = new HashSet<>();
        c.bids().stream().filter(Bid::isBatched).forEach(b -> batched.add(b.id()));
        assertThat(r.optimal()).isTrue();
        assertThat(r.winners()).anySatisfy(w -> assertThat(batched).contains(w));
        assertThat(r.winners()).anySatisfy(w -> assertThat(batched).doesNotContain(w));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3})
    void aFewBidsSitExactlyAtTheLimit(long seed) {
        Competition c = market(300, 8, 0, seed);
        long zero = Screening.screen(c).valid().stream().filter(b -> b.score().signum() == 0).count();
        assertThat(zero).as("seed %d: bids of score 0 among 900", seed).isBetween(1L, 60L);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void intentsAreMostlySellsOnManyPairsWithSizesOverOrdersOfMagnitude(long seed) {
        Competition c = market(400, 10, 0, seed);
        var intents = c.auction().intents();
        long sells = intents.stream().filter(i -> i.side() == Side.SELL).count();
        assertThat(sells).as("seed %d", seed).isBetween(260L, 370L);
        Set<String> pairs = new HashSet<>();
        intents.forEach(i -> pairs.add(i.sellToken() + ">" + i.buyToken()));
        assertThat(pairs.size()).as("seed %d: directed pairs", seed).isGreaterThan(40);
        // Value in ETH of the exact side: from well under 0.1 to over 10.
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Intent i : intents) {
            String token = i.side() == Side.SELL ? i.sellToken() : i.buyToken();
            BigInteger amount = i.side() == Side.SELL ? i.sellAmount() : i.buyAmount();
            double eth = amount.multiply(c.auction().token(token).orElseThrow().nativePrice())
                    .divide(BigInteger.TEN.pow(18)).doubleValue() / 1e18;
            min = Math.min(min, eth);
            max = Math.max(max, eth);
        }
        assertThat(min).as("seed %d", seed).isLessThan(0.05);
        assertThat(max).as("seed %d", seed).isGreaterThan(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void limitsSitALittleBelowTheMarketPrice(long seed) {
        Competition c = market(100, 5, 0, seed);
        Auction a = c.auction();
        for (Intent i : a.intents()) {
            BigInteger ps = a.token(i.sellToken()).orElseThrow().nativePrice();
            BigInteger pb = a.token(i.buyToken()).orElseThrow().nativePrice();
            // Limit price relative to market: value received per value given, between 96.5% and 99.6%.
            double ratio = i.buyAmount().multiply(pb).doubleValue() / i.sellAmount().multiply(ps).doubleValue();
            assertThat(ratio).as("seed %d, intent %s", seed, i.uid()).isBetween(0.965, 0.996);
        }
    }

    @Test
    void tokensHaveRealDecimalsAndNativePrices() {
        Auction a = market(300, 10, 0, 5).auction();
        assertThat(a.tokens()).hasSizeBetween(10, 40);
        assertThat(a.tokens().values()).extracting(Token::decimals).allSatisfy(d -> assertThat(d).isIn(6, 8, 18));
        Token weth = a.token(Auction.MAINNET_WETH).orElseThrow();
        assertThat(weth.nativePrice()).isEqualTo(BigInteger.TEN.pow(18));
        Token usdc = a.tokens().values().stream().filter(t -> t.symbol().equals("USDC")).findFirst().orElseThrow();
        // A 6-decimal dollar at about 1/3000 ETH: ~3.3e26 wei per 10^18 base units.
        assertThat(usdc.nativePrice()).isBetween(new BigInteger("300000000000000000000000000"),
                new BigInteger("360000000000000000000000000"));
    }

    @Test
    void eachTradeTypeHasAStrongSolverWhoseIndividualBidsUsuallyWin() {
        Competition c = market(300, 10, 0, 11);
        Map<String, Map<String, Integer>> bestByPair = new HashMap<>();
        Screening.Screened s = Screening.screen(c);
        Map<String, ScoredBid> best = new HashMap<>();
        for (ScoredBid b : s.valid()) { // rank order: the first bid on an intent is its best
            best.putIfAbsent(b.trades().get(0).intent().uid(), b);
        }
        for (ScoredBid b : best.values()) {
            Intent i = b.trades().get(0).intent();
            String pair = i.sellToken().compareTo(i.buyToken()) < 0 ? i.sellToken() + i.buyToken() : i.buyToken() + i.sellToken();
            bestByPair.computeIfAbsent(pair, k -> new HashMap<>()).merge(b.solver(), 1, Integer::sum);
        }
        // On pairs with many intents, one solver (the specialist) sets most references.
        List<Map<String, Integer>> busyPairs = bestByPair.values().stream()
                .filter(m -> m.values().stream().mapToInt(Integer::intValue).sum() >= 10).toList();
        assertThat(busyPairs).as("pairs with 10 or more intents, else the check below is vacuous").hasSizeGreaterThanOrEqualTo(3);
        busyPairs.forEach(m -> {
                    int total = m.values().stream().mapToInt(Integer::intValue).sum();
                    int top = m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                    assertThat(top).as("specialist's share on a pair with %d intents: %s", total, m).isGreaterThan(total / 2);
                });
    }

    @Test
    void benchmarkSizesComeOutExactly() {
        Competition small = AuctionGenerator.generate(AuctionGenerator.Spec.of(200, 10, 1, "market"));
        assertThat(small.auction().intents()).hasSize(200);
        assertThat(small.bids()).hasSize(1_000);
        assertThat(small.bids().stream().map(Bid::solver).distinct()).hasSize(10);

        Competition large = market(1_000, 20, 7_000, 1);
        assertThat(large.auction().intents()).hasSize(1_000);
        assertThat(large.bids()).hasSize(10_000);
        assertThat(large.bids().stream().filter(Bid::isBatched)).hasSize(7_000);
        assertThat(large.bids().stream().map(Bid::solver).distinct()).hasSize(20);
    }

    @Test
    void fewSolversStillGiveValidAuctions() {
        for (int solvers = 1; solvers <= 3; solvers++) {
            Competition c = market(10, solvers, 10, solvers);
            assertThat(c.bids()).as("%d solvers", solvers).hasSize(10 * solvers + 10);
            assertThat(Screening.screen(c).filtered()).as("%d solvers", solvers).isEmpty();
        }
    }
}

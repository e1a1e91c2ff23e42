package io.fairauction.core.mechanism;

import io.fairauction.core.json.ResultJson;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.Outcome;
import io.fairauction.core.testing.RandomCompetitions;
import io.fairauction.core.testing.SampleCoverage;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants every mechanism must keep, on random competitions, each failure naming its seed. */
class MechanismPropertiesTest {
    private static final int SEEDS = 150;
    /** The fairness property is only tested where a batched bid wins, and its strict rule only where a rival set the reference. */
    private static final SampleCoverage BATCHED_WINS = new SampleCoverage("a batched bid wins", SEEDS, 10);
    private static final SampleCoverage BATCHED_BEATS_RIVAL =
            new SampleCoverage("a winning batched bid beats a reference set by a rival solver", SEEDS, 10);

    static LongStream seeds() {
        return Seeds.range(SEEDS);
    }

    @AfterAll
    static void theInterestingCasesOccurred() {
        BATCHED_WINS.assertOccurred();
        BATCHED_BEATS_RIVAL.assertOccurred();
    }

    private static Competition competition(long seed) {
        return RandomCompetitions.generate(seed, RandomCompetitions.Shape.small());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noWinningBatchedBidLeavesATraderBelowTheirReference(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        AuctionResult r = Mechanisms.fairCombinatorial().run(c, MechanismOptions.DEFAULT);
        boolean batchedWon = false;
        boolean beatARival = false;
        for (String w : r.winners()) {
            Bid bid = oracle.bids.get(w);
            if (bid.trades().size() < 2) {
                continue;
            }
            batchedWon = true;
            for (Trade t : bid.trades()) {
                Intent i = oracle.intents.get(t.intent());
                BigInteger got = i.side() == Side.SELL ? t.executedBuy() : t.executedSell();
                BigInteger ref = oracle.reference(i);
                Set<String> setBy = oracle.referenceSolvers(i);
                int cmp = i.side() == Side.SELL ? got.compareTo(ref) : ref.compareTo(got);
                boolean ownOrLimit = setBy.isEmpty() || setBy.contains(bid.solver());
                beatARival |= !ownOrLimit;
                assertThat(ownOrLimit ? cmp >= 0 : cmp > 0)
                        .as("seed %d: winner %s gives %s on %s, reference %s set by %s", seed, w, got, i.uid(), ref, setBy)
                        .isTrue();
            }
        }
        BATCHED_WINS.record(seed, batchedWon);
        BATCHED_BEATS_RIVAL.record(seed, beatARival);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void winnersNeverShareAnIntentUnderAnyMechanism(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        for (Mechanism m : Mechanisms.all()) {
            AuctionResult r = m.run(c, MechanismOptions.DEFAULT);
            Set<String> sold = new HashSet<>();
            for (String w : r.winners()) {
                for (Trade t : oracle.bids.get(w).trades()) {
                    assertThat(sold.add(t.intent())).as("seed %d %s: intent %s sold twice", seed, m.name(), t.intent()).isTrue();
                }
            }
            assertThat(r.outcome().keySet()).as("seed %d %s", seed, m.name()).isEqualTo(sold);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fairCombinatorialTotalEqualsAnIndependentBruteForce(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        List<Bid> admitted = new ArrayList<>();
        for (Bid b : c.bids()) {
            if (oracle.valid(b) && (b.trades().size() == 1 || oracle.fair(b))) {
                admitted.add(b);
            }
        }
        BigInteger best = oracle.bestPacking(admitted);
        AuctionResult r = Mechanisms.fairCombinatorial().run(c, MechanismOptions.DEFAULT);
        assertThat(r.totalScore()).as("seed %d: %s", seed, ResultJson.write(r, true)).isEqualTo(best);
        assertThat(r.optimal()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fairnessCostsValueAndBatchingAddsIt(long seed) {
        // Each admits a superset of the next one's bids: combinatorial ⊇ fair ⊇ simultaneous; batch is one bid.
        Competition c = competition(seed);
        BigInteger combinatorial = run("combinatorial", c).totalScore();
        BigInteger fair = run("fair-combinatorial", c).totalScore();
        BigInteger simultaneous = run("simultaneous-first-price", c).totalScore();
        BigInteger batch = run("batch", c).totalScore();
        assertThat(combinatorial).as("seed %d", seed).isGreaterThanOrEqualTo(fair).isGreaterThanOrEqualTo(batch);
        assertThat(fair).as("seed %d", seed).isGreaterThanOrEqualTo(simultaneous);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resultsAreIdenticalAcrossRunsAndShuffledInput(long seed) {
        Competition c = competition(seed);
        Competition shuffled = RandomCompetitions.shuffled(c, seed * 31 + 7);
        for (Mechanism m : Mechanisms.all()) {
            String first = ResultJson.write(m.run(c, MechanismOptions.DEFAULT).withoutTiming(), false);
            String again = ResultJson.write(m.run(c, MechanismOptions.DEFAULT).withoutTiming(), false);
            String reordered = ResultJson.write(m.run(shuffled, MechanismOptions.DEFAULT).withoutTiming(), false);
            assertThat(again).as("seed %d %s: second run", seed, m.name()).isEqualTo(first);
            assertThat(reordered).as("seed %d %s: shuffled input", seed, m.name()).isEqualTo(first);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyBidEitherTakesPartOrIsFilteredWithACode(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        for (Mechanism m : Mechanisms.all()) {
            AuctionResult r = m.run(c, MechanismOptions.DEFAULT);
            for (Bid b : c.bids()) {
                if (!oracle.valid(b)) {
                    assertThat(r.filtered()).as("seed %d %s: invalid bid %s", seed, m.name(), b.id()).containsKey(b.id());
                    assertThat(r.scores()).doesNotContainKey(b.id());
                } else {
                    assertThat(r.scores().get(b.id())).as("seed %d %s: score of %s", seed, m.name(), b.id())
                            .isEqualTo(oracle.score(b));
                }
            }
            for (String w : r.winners()) {
                assertThat(r.filtered()).as("seed %d %s: winner %s", seed, m.name(), w).doesNotContainKey(w);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void secondPricePaymentsLieBetweenTheLimitAndTheWinningBid(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        for (String name : List.of("simultaneous-second-price", "fair-combinatorial-second-price")) {
            AuctionResult r = run(name, c);
            for (Map.Entry<String, Outcome> e : r.outcome().entrySet()) {
                Intent i = oracle.intents.get(e.getKey());
                Trade t = oracle.bids.get(e.getValue().bid()).trades().stream()
                        .filter(x -> x.intent().equals(i.uid())).findFirst().orElseThrow();
                if (i.side() == Side.SELL) {
                    assertThat(e.getValue().amount()).as("seed %d %s %s", seed, name, i.uid())
                            .isBetween(i.buyAmount(), t.executedBuy());
                } else {
                    assertThat(e.getValue().paid()).as("seed %d %s %s", seed, name, i.uid())
                            .isBetween(t.executedSell(), i.sellAmount());
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void optionsAreRespectedByTheOptimalMechanisms(long seed) {
        Competition c = competition(seed);
        Oracle oracle = new Oracle(c);
        MechanismOptions capped = MechanismOptions.DEFAULT.withMaxWinnersPerSolver(1).withMaxBidsPerSolver(3)
                .withPairDisjoint(true).withMaxWinners(2);
        for (String name : List.of("fair-combinatorial", "combinatorial", "fair-combinatorial-second-price")) {
            AuctionResult r = run(name, c, capped);
            assertThat(r.winners()).as("seed %d %s", seed, name).hasSizeLessThanOrEqualTo(2);
            Set<String> solvers = new HashSet<>();
            Set<String> pairs = new HashSet<>();
            for (String w : r.winners()) {
                Bid b = oracle.bids.get(w);
                assertThat(solvers.add(b.solver())).as("seed %d %s: solver %s wins twice", seed, name, b.solver()).isTrue();
                Set<String> own = new HashSet<>();
                for (Trade t : b.trades()) {
                    Intent i = oracle.intents.get(t.intent());
                    own.add(i.sellToken() + ">" + i.buyToken());
                }
                for (String p : own) {
                    assertThat(pairs.add(p)).as("seed %d %s: pair %s won twice", seed, name, p).isTrue();
                }
            }
            Map<String, Integer> kept = new HashMap<>();
            for (Bid b : c.bids()) {
                if (oracle.valid(b) && !"over-cap".equals(codeOf(r, b.id()))) {
                    kept.merge(b.solver(), 1, Integer::sum);
                }
            }
            kept.values().forEach(n -> assertThat(n).as("seed %d %s", seed, name).isLessThanOrEqualTo(3));
        }
    }

    private static String codeOf(AuctionResult r, String bid) {
        return r.filtered().containsKey(bid) ? r.filtered().get(bid).code().wire() : null;
    }

    private static AuctionResult run(String name, Competition c) {
        return run(name, c, MechanismOptions.DEFAULT);
    }

    private static AuctionResult run(String name, Competition c, MechanismOptions options) {
        return Mechanisms.byName(name).orElseThrow().run(c, options);
    }

    /**
     * Validity, scores, references and fairness recomputed from the definitions, sharing no code with the
     * mechanisms (the random competitions only ever violate a limit by one unit, so validity is a limit check).
     */
    static final class Oracle {
        final Map<String, Intent> intents = new HashMap<>();
        final Map<String, Bid> bids = new HashMap<>();
        final Competition c;

        Oracle(Competition c) {
            this.c = c;
            c.auction().intents().forEach(i -> intents.put(i.uid(), i));
            c.bids().forEach(b -> bids.put(b.id(), b));
        }

        boolean valid(Bid b) {
            for (Trade t : b.trades()) {
                Intent i = intents.get(t.intent());
                if (i.side() == Side.SELL ? t.executedBuy().compareTo(i.buyAmount()) < 0
                        : t.executedSell().compareTo(i.sellAmount()) > 0) {
                    return false;
                }
            }
            return true;
        }

        BigInteger score(Bid b) {
            BigInteger total = BigInteger.ZERO;
            for (Trade t : b.trades()) {
                Intent i = intents.get(t.intent());
                BigInteger price = c.auction().token(i.buyToken()).orElseThrow().nativePrice();
                BigInteger surplusInBuyToken = i.side() == Side.SELL
                        ? t.executedBuy().subtract(i.buyAmount())
                        : i.sellAmount().subtract(t.executedSell()).multiply(i.buyAmount()).divide(i.sellAmount());
                total = total.add(surplusInBuyToken.multiply(price).divide(BigInteger.TEN.pow(18)));
            }
            return total;
        }

        BigInteger reference(Intent i) {
            BigInteger best = null;
            for (Bid b : c.bids()) {
                if (b.trades().size() == 1 && valid(b) && b.trades().get(0).intent().equals(i.uid())) {
                    BigInteger v = amount(i, b.trades().get(0));
                    if (best == null || better(i, v, best)) {
                        best = v;
                    }
                }
            }
            return best == null ? (i.side() == Side.SELL ? i.buyAmount() : i.sellAmount()) : best;
        }

        Set<String> referenceSolvers(Intent i) {
            BigInteger ref = reference(i);
            Set<String> s = new HashSet<>();
            for (Bid b : c.bids()) {
                if (b.trades().size() == 1 && valid(b) && b.trades().get(0).intent().equals(i.uid())
                        && amount(i, b.trades().get(0)).equals(ref)) {
                    s.add(b.solver());
                }
            }
            return s;
        }

        boolean fair(Bid b) {
            for (Trade t : b.trades()) {
                Intent i = intents.get(t.intent());
                BigInteger got = amount(i, t);
                BigInteger ref = reference(i);
                Set<String> setBy = referenceSolvers(i);
                boolean lenient = setBy.isEmpty() || setBy.contains(b.solver());
                if (better(i, ref, got) || (!lenient && got.equals(ref))) {
                    return false;
                }
            }
            return true;
        }

        BigInteger bestPacking(List<Bid> candidates) {
            BigInteger best = BigInteger.ZERO;
            int n = candidates.size();
            for (long mask = 0; mask < (1L << n); mask++) {
                Set<String> sold = new HashSet<>();
                BigInteger total = BigInteger.ZERO;
                boolean ok = true;
                for (int k = 0; k < n && ok; k++) {
                    if ((mask & (1L << k)) != 0) {
                        for (Trade t : candidates.get(k).trades()) {
                            ok &= sold.add(t.intent());
                        }
                        total = total.add(score(candidates.get(k)));
                    }
                }
                if (ok && total.compareTo(best) > 0) {
                    best = total;
                }
            }
            return best;
        }

        private static BigInteger amount(Intent i, Trade t) {
            return i.side() == Side.SELL ? t.executedBuy() : t.executedSell();
        }

        private static boolean better(Intent i, BigInteger a, BigInteger b) {
            return i.side() == Side.SELL ? a.compareTo(b) > 0 : a.compareTo(b) < 0;
        }
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.U256;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.FilterCode;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.wdp.Constraints;
import io.fairauction.core.wdp.ExactWinnerDetermination;
import io.fairauction.core.wdp.WdpSolution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * CoW Protocol's production winner selection (CIP-67), as restated in {@code cow-rules.md}: scores aggregated per
 * directed token pair, a fairness baseline per pair from single-pair bids, greedy pair-disjoint selection by
 * score capped at {@code maxWinners}, and a reference score per winning solver.
 *
 * <p>Where CoW shuffles bids randomly before its stable sort, this breaks score ties by the bid's tie key.
 * The result also reports how far the greedy selection is from the optimal selection of the same fair bids
 * under the same pair-disjointness and cap ({@code optimal}, {@code gap}), so CoW's rule can be compared with
 * the exact one on any auction.
 */
final class CowMechanism implements Mechanism {
    static final int DEFAULT_MAX_WINNERS = 20;

    @Override
    public String name() {
        return "cow";
    }

    @Override
    public String summary() {
        return "CoW Protocol's production rule (CIP-67): per-pair fairness baseline, greedy pair-disjoint winners, reference scores";
    }

    /** Rules 1-4: screened and scored bids, and which of them pass CoW's per-pair fairness filter. */
    private record Fair(Screening.Screened screened, Map<String, BigInteger> scores, Map<String, Filtered> filtered,
                        List<ScoredBid> fair, int maxWinners) {
    }

    private Fair fair(Competition competition, MechanismOptions options) {
        int maxWinners = options.maxWinners() > 0 ? options.maxWinners() : DEFAULT_MAX_WINNERS;
        Screening.Screened all = Screening.screen(competition);
        Screening.Screened screened = Screening.capBidsPerSolver(all, options.maxBidsPerSolver());
        Auction auction = screened.auction();

        // Rule 3: aggregate each bid's scores per directed pair, raw token addresses.
        Map<String, Map<String, BigInteger>> byPair = new HashMap<>();
        for (ScoredBid b : screened.valid()) {
            Map<String, BigInteger> scores = new TreeMap<>();
            for (ScoredTrade t : b.trades()) {
                String pair = Hex.canonical(t.intent().sellToken()) + ">" + Hex.canonical(t.intent().buyToken());
                scores.merge(pair, t.score(), U256::saturatingAdd);
            }
            byPair.put(b.id(), scores);
        }

        // Rule 4: baseline per pair from single-pair bids; multi-pair bids must match it on every pair.
        Map<String, BigInteger> baseline = new HashMap<>();
        for (Map<String, BigInteger> scores : byPair.values()) {
            if (scores.size() == 1) {
                scores.forEach((pair, score) -> baseline.merge(pair, score, BigInteger::max));
            }
        }
        Map<String, Filtered> filtered = new TreeMap<>(screened.filtered());
        List<ScoredBid> fair = new ArrayList<>(); // rank order, inherited from screening
        for (ScoredBid b : screened.valid()) {
            Map<String, BigInteger> scores = byPair.get(b.id());
            Filtered unfair = null;
            if (scores.size() > 1) {
                for (Map.Entry<String, BigInteger> e : scores.entrySet()) {
                    BigInteger base = baseline.get(e.getKey());
                    if (base != null && e.getValue().compareTo(base) < 0) {
                        unfair = new Filtered(FilterCode.UNFAIR, null, "pair " + pairLabel(auction, e.getKey())
                                + ": score " + e.getValue() + " < baseline " + base + " of single-pair bids");
                        break;
                    }
                }
            }
            if (unfair != null) {
                filtered.put(b.id(), unfair);
            } else {
                fair.add(b);
            }
        }
        return new Fair(screened, all.scores(), filtered, fair, maxWinners);
    }

    @Override
    public SelectionProblem selectionProblem(Competition competition, MechanismOptions options) {
        Fair f = fair(competition, options);
        return new SelectionProblem(competition.auction().id(), name(), exactCounterpart(f).problem);
    }

    private static WdpAdapter exactCounterpart(Fair f) {
        return new WdpAdapter(f.screened().auction(), f.fair(), new Constraints(f.maxWinners(), 0, true),
                f.screened().tieBreak());
    }

    @Override
    public AuctionResult run(Competition competition, MechanismOptions options) {
        long start = System.nanoTime();
        Fair f = fair(competition, options);
        Auction auction = f.screened().auction();
        int maxWinners = f.maxWinners();
        List<ScoredBid> fair = f.fair();

        // Rule 5: greedy by score, pair-disjoint after ETH/WETH canonicalisation, at most maxWinners.
        Set<String> winnerIds = pickWinners(auction, fair, maxWinners);
        List<ScoredBid> resultOrder = new ArrayList<>();
        fair.stream().filter(b -> winnerIds.contains(b.id())).forEach(resultOrder::add);
        fair.stream().filter(b -> !winnerIds.contains(b.id())).forEach(resultOrder::add);
        List<ScoredBid> winners = resultOrder.subList(0, winnerIds.size());

        // Rule 6: reference score of each winning solver, walking the result order without that solver.
        SortedMap<String, BigInteger> referenceScores = new TreeMap<>();
        Set<String> done = new HashSet<>();
        for (ScoredBid w : winners) {
            if (done.size() >= maxWinners) {
                break;
            }
            if (!done.add(w.solver())) {
                continue;
            }
            List<ScoredBid> without = resultOrder.stream().filter(b -> !b.solver().equals(w.solver())).toList();
            Set<String> picked = pickWinners(auction, without, maxWinners);
            BigInteger score = BigInteger.ZERO;
            for (ScoredBid b : without) {
                if (picked.contains(b.id())) {
                    score = U256.saturatingAdd(score, b.score());
                }
            }
            referenceScores.put(w.solver(), score);
        }

        // How far the greedy selection is from the optimum over the same fair bids and constraints.
        WdpSolution exact = new ExactWinnerDetermination().solve(exactCounterpart(f).problem, options.limits());
        BigInteger greedyScore = WdpAdapter.sum(winners);
        BigInteger bestKnown = exact.score().add(exact.gap());
        BigInteger gap = bestKnown.subtract(greedyScore).max(BigInteger.ZERO);
        boolean optimal = exact.optimal() && gap.signum() == 0;

        List<ScoredBid> individual = f.screened().valid().stream().filter(b -> !b.isBatched()).toList();
        return ResultAssembly.assemble(name(), f.screened(), f.scores(), f.filtered(),
                Reference.firstPrice(auction, individual), winners, ResultAssembly::firstPrice,
                referenceScores, optimal, gap, start);
    }

    /** Greedy walk in the given order: a bid wins iff its canonicalised pairs are all unused. */
    private static Set<String> pickWinners(Auction auction, List<ScoredBid> ordered, int maxWinners) {
        Set<String> used = new HashSet<>();
        Set<String> winners = new HashSet<>();
        for (ScoredBid b : ordered) {
            if (winners.size() >= maxWinners) {
                break;
            }
            Set<String> pairs = new HashSet<>();
            b.trades().forEach(t -> pairs.add(WdpAdapter.pairKey(auction, t.intent())));
            if (java.util.Collections.disjoint(pairs, used)) {
                winners.add(b.id());
                used.addAll(pairs);
            }
        }
        return winners;
    }

    private static String pairLabel(Auction auction, String pairKey) {
        String[] t = pairKey.split(">");
        return auction.token(t[0]).map(io.fairauction.core.model.Token::label).orElse(t[0]) + "->"
                + auction.token(t[1]).map(io.fairauction.core.model.Token::label).orElse(t[1]);
    }
}

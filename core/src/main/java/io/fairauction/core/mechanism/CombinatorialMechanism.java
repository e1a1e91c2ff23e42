package io.fairauction.core.mechanism;

import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.FilterCode;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.wdp.Constraints;
import io.fairauction.core.wdp.ExactWinnerDetermination;
import io.fairauction.core.wdp.WdpSolution;
import io.fairauction.core.wdp.WinnerDetermination;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mechanisms that select winners by exact winner determination over the bids they admit: the fair
 * combinatorial auction (first- and second-price reference), the unfiltered combinatorial auction, and the
 * simultaneous single-intent auctions (which admit individual bids only). They differ in three choices:
 * which reference, which filter, and what a trader won by an individual bid receives.
 */
public final class CombinatorialMechanism implements Mechanism {

    /** Which bids take part in winner determination. */
    enum Admission {
        /** Every valid bid. */
        ALL,
        /** Individual bids, and batched bids that pass the fairness filter. */
        FAIR,
        /** Individual bids only. */
        INDIVIDUAL_ONLY
    }

    private final String name;
    private final String summary;
    private final boolean secondPrice;
    private final Admission admission;
    private final WinnerDetermination wdp;

    CombinatorialMechanism(String name, String summary, boolean secondPrice, Admission admission,
                           WinnerDetermination wdp) {
        this.name = name;
        this.summary = summary;
        this.secondPrice = secondPrice;
        this.admission = admission;
        this.wdp = wdp;
    }

    static CombinatorialMechanism fairCombinatorial() {
        return new CombinatorialMechanism("fair-combinatorial",
                "fairness filter against the best individual bids (first price), then the optimal combination of bids",
                false, Admission.FAIR, new ExactWinnerDetermination());
    }

    static CombinatorialMechanism fairCombinatorialSecondPrice() {
        return new CombinatorialMechanism("fair-combinatorial-second-price",
                "fairness filter against the second-best individual bids; intents won individually pay the second price",
                true, Admission.FAIR, new ExactWinnerDetermination());
    }

    static CombinatorialMechanism combinatorial() {
        return new CombinatorialMechanism("combinatorial",
                "no fairness filter: the optimal combination of all bids (the efficiency benchmark)",
                false, Admission.ALL, new ExactWinnerDetermination());
    }

    static CombinatorialMechanism simultaneousFirstPrice() {
        return new CombinatorialMechanism("simultaneous-first-price",
                "one sealed-bid auction per intent, batched bids ignored; the best bid wins and pays its bid",
                false, Admission.INDIVIDUAL_ONLY, new ExactWinnerDetermination());
    }

    static CombinatorialMechanism simultaneousSecondPrice() {
        return new CombinatorialMechanism("simultaneous-second-price",
                "one auction per intent, batched bids ignored; the best bid wins, the trader receives the second-best bid",
                true, Admission.INDIVIDUAL_ONLY, new ExactWinnerDetermination());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    /** Everything up to winner determination: screened bids, references, what was filtered and what takes part. */
    private record Admitted(Screening.Screened screened, Map<String, BigInteger> scores, List<ScoredBid> individual,
                            Map<String, Reference> references, Map<String, Filtered> filtered, WdpAdapter adapter) {
    }

    private Admitted admit(Competition competition, MechanismOptions options) {
        // Screen and score; drop each solver's bids beyond the cap.
        Screening.Screened all = Screening.screen(competition);
        Screening.Screened screened = Screening.capBidsPerSolver(all, options.maxBidsPerSolver());
        List<ScoredBid> individual = screened.valid().stream().filter(b -> !b.isBatched()).toList();

        // Reference outcome from the individual bids alone.
        Map<String, Reference> references = secondPrice
                ? Reference.secondPrice(screened.auction(), individual)
                : Reference.firstPrice(screened.auction(), individual);

        // Filter: which bids take part.
        Map<String, Filtered> filtered = new TreeMap<>(screened.filtered());
        List<ScoredBid> admitted = new ArrayList<>();
        for (ScoredBid b : screened.valid()) {
            Optional<Filtered> out = switch (admission) {
                case ALL -> Optional.empty();
                case INDIVIDUAL_ONLY -> b.isBatched()
                        ? Optional.of(new Filtered(FilterCode.BATCHED, null, "batched bid on " + b.trades().size()
                        + " intents; " + name + " auctions each intent on its own"))
                        : Optional.empty();
                case FAIR -> secondPrice ? Fairness.secondPrice(b, references) : Fairness.firstPrice(b, references);
            };
            if (out.isPresent()) {
                filtered.put(b.id(), out.get());
            } else {
                admitted.add(b);
            }
        }
        Constraints constraints = new Constraints(options.maxWinners(), options.maxWinnersPerSolver(), options.pairDisjoint());
        WdpAdapter adapter = new WdpAdapter(screened.auction(), admitted, constraints, screened.tieBreak());
        return new Admitted(screened, all.scores(), individual, references, filtered, adapter);
    }

    @Override
    public SelectionProblem selectionProblem(Competition competition, MechanismOptions options) {
        return new SelectionProblem(competition.auction().id(), name, admit(competition, options).adapter().problem);
    }

    @Override
    public AuctionResult run(Competition competition, MechanismOptions options) {
        long start = System.nanoTime();
        Admitted a = admit(competition, options);

        // Winner determination over the admitted bids.
        WdpSolution solution = wdp.solve(a.adapter().problem, options.limits());
        List<ScoredBid> winners = a.adapter().winners(solution.chosen());

        // What each trader gets: the winning bid, or the second price for intents won by an individual bid.
        return ResultAssembly.assemble(name, a.screened(), a.scores(), a.filtered(), a.references(), winners,
                (bid, trade) -> secondPrice && !bid.isBatched()
                        ? Reference.secondPricePayment(trade.intent(), trade, bid.solver(), a.individual())
                        : ResultAssembly.firstPrice(bid, trade),
                null, solution.optimal(), solution.gap(), start);
    }
}

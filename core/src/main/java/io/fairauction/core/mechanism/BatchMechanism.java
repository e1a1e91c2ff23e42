package io.fairauction.core.mechanism;

import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.wdp.Constraints;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * CoW Protocol's original batch auction (paper section 3.2): exactly one bid wins, the one with the highest
 * score; an individual bid is a bid like any other and there is no fairness filter. Ties go to the higher
 * tie key.
 */
final class BatchMechanism implements Mechanism {

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String summary() {
        return "CoW's original batch auction: the single bid with the highest score wins, no fairness filter";
    }

    @Override
    public SelectionProblem selectionProblem(Competition competition, MechanismOptions options) {
        Screening.Screened screened = Screening.capBidsPerSolver(Screening.screen(competition), options.maxBidsPerSolver());
        WdpAdapter adapter = new WdpAdapter(screened.auction(), screened.valid(), new Constraints(1, 0, false),
                screened.tieBreak());
        return new SelectionProblem(competition.auction().id(), name(), adapter.problem);
    }

    @Override
    public AuctionResult run(Competition competition, MechanismOptions options) {
        long start = System.nanoTime();
        Screening.Screened all = Screening.screen(competition);
        Screening.Screened screened = Screening.capBidsPerSolver(all, options.maxBidsPerSolver());
        List<ScoredBid> individual = screened.valid().stream().filter(b -> !b.isBatched()).toList();
        Map<String, Reference> references = Reference.firstPrice(screened.auction(), individual);
        // Screened bids are in rank order: the first one wins.
        List<ScoredBid> winners = screened.valid().isEmpty() ? List.of() : List.of(screened.valid().get(0));
        return ResultAssembly.assemble(name(), screened, all.scores(), screened.filtered(), references, winners,
                ResultAssembly::firstPrice, null, true, BigInteger.ZERO, start);
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;

/**
 * An auction mechanism: given an auction and the solvers' bids, which bids win and what each trader gets.
 * Every mechanism runs the same visible phases: screen and score the bids, build the reference outcome, filter,
 * select winners, and settle what each trader receives. Implementations are stateless and thread-safe.
 */
public interface Mechanism {
    /** The name it is selected by, e.g. {@code fair-combinatorial}. */
    String name();

    /** One line on what it does. */
    String summary();

    AuctionResult run(Competition competition, MechanismOptions options);

    /**
     * The winner-determination problem this mechanism solves on the competition, after screening and filtering:
     * the exact problem for the optimal mechanisms, the one-winner problem for {@code batch}, and for
     * {@code cow} the exact problem its greedy rule approximates (fair bids, pair-disjoint, capped).
     */
    SelectionProblem selectionProblem(Competition competition, MechanismOptions options);
}

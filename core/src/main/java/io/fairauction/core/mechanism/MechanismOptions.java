package io.fairauction.core.mechanism;

import io.fairauction.core.wdp.SolveLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * Deployment options. A cap of 0 means the mechanism's default: no cap, except {@code maxWinners} for the
 * {@code cow} mechanism, where CoW's production default of 20 applies.
 *
 * @param maxWinners          at most this many winning bids
 * @param maxWinnersPerSolver at most this many winning bids per solver
 * @param pairDisjoint        no two winners trade the same directed token pair
 * @param maxBidsPerSolver    each solver's best bids beyond this many are filtered before anything else
 * @param limits              winner-determination time limit and threads
 */
public record MechanismOptions(int maxWinners, int maxWinnersPerSolver, boolean pairDisjoint, int maxBidsPerSolver,
                               SolveLimits limits) {

    public static final MechanismOptions DEFAULT = new MechanismOptions(0, 0, false, 0, SolveLimits.DEFAULT);

    public MechanismOptions {
        Objects.requireNonNull(limits, "limits");
        if (maxWinners < 0 || maxWinnersPerSolver < 0 || maxBidsPerSolver < 0) {
            throw new IllegalArgumentException("caps must not be negative");
        }
    }

    public MechanismOptions withMaxWinners(int n) {
        return new MechanismOptions(n, maxWinnersPerSolver, pairDisjoint, maxBidsPerSolver, limits);
    }

    public MechanismOptions withMaxWinnersPerSolver(int k) {
        return new MechanismOptions(maxWinners, k, pairDisjoint, maxBidsPerSolver, limits);
    }

    public MechanismOptions withPairDisjoint(boolean on) {
        return new MechanismOptions(maxWinners, maxWinnersPerSolver, on, maxBidsPerSolver, limits);
    }

    public MechanismOptions withMaxBidsPerSolver(int n) {
        return new MechanismOptions(maxWinners, maxWinnersPerSolver, pairDisjoint, n, limits);
    }

    public MechanismOptions withTimeLimit(Duration d) {
        return new MechanismOptions(maxWinners, maxWinnersPerSolver, pairDisjoint, maxBidsPerSolver,
                new SolveLimits(d, limits.workers()));
    }

    public MechanismOptions withWorkers(int workers) {
        return new MechanismOptions(maxWinners, maxWinnersPerSolver, pairDisjoint, maxBidsPerSolver,
                new SolveLimits(limits.timeLimit(), workers));
    }
}

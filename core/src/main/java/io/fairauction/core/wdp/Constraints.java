package io.fairauction.core.wdp;

/**
 * Deployment options that restrict which sets of bids may win together. A cap of 0 means no cap.
 *
 * @param maxWinners          at most this many winning bids in all
 * @param maxWinnersPerSolver at most this many winning bids per solver
 * @param pairDisjoint        no two winners trade the same directed token pair (CoW's uniform directional
 *                            clearing price)
 */
public record Constraints(int maxWinners, int maxWinnersPerSolver, boolean pairDisjoint) {
    public static final Constraints NONE = new Constraints(0, 0, false);

    public Constraints {
        if (maxWinners < 0 || maxWinnersPerSolver < 0) {
            throw new IllegalArgumentException("caps must not be negative");
        }
    }

    /** Whether a constraint links bids that share no intent and no pair. */
    public boolean couplesComponents() {
        return maxWinners > 0 || maxWinnersPerSolver > 0;
    }
}

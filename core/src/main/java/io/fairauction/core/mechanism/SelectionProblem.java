package io.fairauction.core.mechanism;

import io.fairauction.core.wdp.WdpProblem;

import java.util.Objects;

/**
 * A mechanism's winner-determination problem for one competition, as exported to MIP solvers.
 *
 * @param auction   the auction id
 * @param mechanism the mechanism name
 */
public record SelectionProblem(String auction, String mechanism, WdpProblem problem) {
    public SelectionProblem {
        Objects.requireNonNull(auction, "auction");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(problem, "problem");
    }
}

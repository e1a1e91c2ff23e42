package io.fairauction.core.wdp;

/** Chooses the winning bids of a {@link WdpProblem}. */
public interface WinnerDetermination {
    WdpSolution solve(WdpProblem problem, SolveLimits limits);
}

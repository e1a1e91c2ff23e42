package io.fairauction.cli;

import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.wdp.SolveLimits;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.stream.Collectors;

/** The options that choose and configure a mechanism, shared by every command that runs one. */
final class MechanismArgs {
    @Option(names = "--mechanism", paramLabel = "NAME", defaultValue = Mechanisms.DEFAULT,
            description = "Mechanism to run (see `auction mechanisms`). Default: ${DEFAULT-VALUE}.")
    String mechanism;

    @Option(names = "--max-winners", paramLabel = "N", defaultValue = "0",
            description = "At most N winning bids (0: the mechanism's default; cow uses 20).")
    int maxWinners;

    @Option(names = "--max-winners-per-solver", paramLabel = "K", defaultValue = "0",
            description = "At most K winning bids per solver (0: no cap).")
    int maxWinnersPerSolver;

    @Option(names = "--pair-disjoint", description = "No two winners may trade the same directed token pair.")
    boolean pairDisjoint;

    @Option(names = "--max-bids-per-solver", paramLabel = "N", defaultValue = "0",
            description = "Keep each solver's best N bids and filter the rest (0: no cap).")
    int maxBidsPerSolver;

    @Option(names = "--time-limit-ms", paramLabel = "T", defaultValue = "10000",
            description = "Winner-determination time limit in milliseconds. Default: ${DEFAULT-VALUE}.")
    long timeLimitMs;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "2",
            description = "CP-SAT worker threads. Default: ${DEFAULT-VALUE}.")
    int workers;

    Mechanism mechanism() {
        return Mechanisms.byName(mechanism).orElseThrow(() -> new BadInputException("unknown mechanism \"" + mechanism
                + "\"; one of: " + Mechanisms.all().stream().map(Mechanism::name).collect(Collectors.joining(", "))));
    }

    private static void notNegative(String option, int cap) {
        if (cap < 0) {
            throw new BadInputException(option + " must not be negative (0: no cap), got " + cap);
        }
    }

    MechanismOptions options() {
        notNegative("--max-winners", maxWinners);
        notNegative("--max-winners-per-solver", maxWinnersPerSolver);
        notNegative("--max-bids-per-solver", maxBidsPerSolver);
        if (timeLimitMs <= 0) {
            throw new BadInputException("--time-limit-ms must be positive, got " + timeLimitMs);
        }
        if (workers < 1) {
            throw new BadInputException("--workers must be at least 1, got " + workers);
        }
        return new MechanismOptions(maxWinners, maxWinnersPerSolver, pairDisjoint, maxBidsPerSolver,
                new SolveLimits(Duration.ofMillis(timeLimitMs), workers));
    }
}

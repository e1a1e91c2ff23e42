package io.fairauction.core.wdp;

import java.time.Duration;

/**
 * How long and on how many threads winner determination may run.
 *
 * @param timeLimit wall-clock budget for one whole auction
 * @param workers   CP-SAT worker threads
 */
public record SolveLimits(Duration timeLimit, int workers) {
    public static final SolveLimits DEFAULT = new SolveLimits(Duration.ofSeconds(10), 2);

    public SolveLimits {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker");
        }
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bid as winner determination sees it.
 *
 * @param intents sorted, distinct intent indices
 * @param pairs   sorted, distinct directed-pair indices (used only when winners must be pair-disjoint)
 * @param solver  solver index (used only by per-solver caps)
 * @param score   the bid's score, at least zero
 * @param tie     the bid's tie value: the sum of its per-intent tie keys, each below 2^{@link WdpProblem#tieBits()}
 */
public record WdpBid(String id, int[] intents, int[] pairs, int solver, BigInteger score, long tie) {

    public WdpBid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(score, "score");
        intents = intents.clone();
        pairs = pairs.clone();
        if (score.signum() < 0) {
            throw new IllegalArgumentException("score must not be negative");
        }
        if (tie < 0) {
            throw new IllegalArgumentException("tie value must not be negative");
        }
        if (intents.length == 0) {
            throw new IllegalArgumentException("a bid trades at least one intent");
        }
        for (int i = 1; i < intents.length; i++) {
            if (intents[i] <= intents[i - 1]) {
                throw new IllegalArgumentException("intents must be sorted and distinct");
            }
        }
        Arrays.sort(pairs);
    }

    @Override
    public int[] intents() {
        return intents.clone();
    }

    @Override
    public int[] pairs() {
        return pairs.clone();
    }

    int intentCount() {
        return intents.length;
    }

    int intent(int k) {
        return intents[k];
    }

    int[] intentsView() {
        return intents;
    }

    int[] pairsView() {
        return pairs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WdpBid b && id.equals(b.id) && Arrays.equals(intents, b.intents)
                && Arrays.equals(pairs, b.pairs) && solver == b.solver && score.equals(b.score) && tie == b.tie;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(intents), Arrays.hashCode(pairs), solver, score, tie);
    }

    @Override
    public String toString() {
        return "WdpBid[" + id + " intents=" + Arrays.toString(intents) + " score=" + score + "]";
    }
}

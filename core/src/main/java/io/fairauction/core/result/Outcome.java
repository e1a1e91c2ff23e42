package io.fairauction.core.result;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What one trader gets: the winning bid and solver, the amount received (buy token) and paid (sell token).
 */
public record Outcome(String bid, String solver, BigInteger amount, BigInteger paid) {
    public Outcome {
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paid, "paid");
    }
}

package io.fairauction.core.model;

import java.math.BigInteger;
import java.util.Objects;

/** A call the settlement contract makes on the solver's behalf to execute a bid on chain. */
public record Interaction(String target, BigInteger value, String callData) {
    public Interaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(callData, "callData");
    }
}

package io.fairauction.core.mechanism;

import java.util.List;
import java.util.Optional;

/** The registry of mechanisms, selectable by name. */
public final class Mechanisms {
    public static final String DEFAULT = "fair-combinatorial";

    private static final List<Mechanism> ALL = List.of(
            CombinatorialMechanism.fairCombinatorial(),
            CombinatorialMechanism.fairCombinatorialSecondPrice(),
            CombinatorialMechanism.combinatorial(),
            new BatchMechanism(),
            CombinatorialMechanism.simultaneousFirstPrice(),
            CombinatorialMechanism.simultaneousSecondPrice(),
            new CowMechanism());

    private Mechanisms() {
    }

    public static List<Mechanism> all() {
        return ALL;
    }

    public static Optional<Mechanism> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static Mechanism fairCombinatorial() {
        return ALL.get(0);
    }
}

package io.fairauction.core.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the case a parameterised property is about actually occurred in its sample. A property such as "no winning
 * batched bid is unfair" passes vacuously when no batched bid ever wins; record each seed with whether the case
 * occurred, and check from {@code @AfterAll} that it did at least {@code minimum} times. The check runs only when the
 * whole sample ran, so running one seed on its own (e.g. to debug it) does not fail for lack of the others.
 */
public final class SampleCoverage {
    private final String what;
    private final int sampleSize;
    private final int minimum;
    private final Set<Long> ran = ConcurrentHashMap.newKeySet();
    private final Set<Long> occurred = ConcurrentHashMap.newKeySet();

    public SampleCoverage(String what, int sampleSize, int minimum) {
        this.what = what;
        this.sampleSize = sampleSize;
        this.minimum = minimum;
    }

    public void record(long seed, boolean caseOccurred) {
        ran.add(seed);
        if (caseOccurred) {
            occurred.add(seed);
        }
    }

    /** Fails when the whole sample ran and the case occurred in fewer than {@code minimum} seeds. */
    public void assertOccurred() {
        if (ran.size() < sampleSize) {
            return;
        }
        assertThat(occurred.size())
                .as("%s: occurred in %d of %d seeds %s, the property would pass vacuously", what, occurred.size(),
                        sampleSize, new TreeSet<>(occurred))
                .isGreaterThanOrEqualTo(minimum);
    }
}

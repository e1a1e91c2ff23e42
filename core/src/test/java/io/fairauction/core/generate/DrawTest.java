package io.fairauction.core.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DrawTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void splitSharesSumToTheTotalAndFollowTheWeights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long total = rng.nextLong(0, 5_000_000);
        long[] weights = new long[1 + rng.nextInt(12)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = rng.nextInt(4) == 0 ? 0 : rng.nextLong(1, 1_000_000_000L);
        }
        long[] parts = Draw.split(total, weights);
        assertThat(Arrays.stream(parts).sum()).as("seed %d", seed).isEqualTo(total);
        long weightSum = Arrays.stream(weights).sum();
        for (int i = 0; i < parts.length; i++) {
            assertThat(parts[i]).as("seed %d, part %d", seed, i).isNotNegative();
            if (weightSum > 0) {
                // Largest remainder: each part is its exact share rounded down or up.
                double exact = (double) total * weights[i] / weightSum;
                assertThat((double) parts[i]).as("seed %d, part %d", seed, i).isBetween(Math.floor(exact) - 1, Math.ceil(exact) + 1);
            }
        }
    }

    @Test
    void splitOfAllZeroWeightsIsEqual() {
        assertThat(Draw.split(10, new long[] {0, 0, 0})).containsExactly(4, 3, 3);
    }

    @Test
    void weightedDrawNeverPicksAZeroWeight() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] w = {0, 1, 0, 3, 0};
        for (int k = 0; k < 1000; k++) {
            assertThat(Draw.weighted(rng, w)).isIn(1, 3);
        }
    }

    @Test
    void idsSortInTheOrderTheyWereMade() {
        assertThat(Draw.bid(8, 1000)).isEqualTo("b0009");
        assertThat(Draw.solver(0, 10)).isEqualTo("solver-01");
        assertThat(Draw.solver(9, 10)).isEqualTo("solver-10");
        assertThat(Draw.bid(8, 1000).compareTo(Draw.bid(99, 1000))).isNegative();
    }
}

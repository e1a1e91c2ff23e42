package io.fairauction.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plumbing of {@code auction bench-intake} at a tiny size: every intent it signs is accepted by a real
 * collector process on a real broker, and it reports what it measured. No timing is asserted (a benchmark, not a
 * test of speed).
 */
class IntakeBenchTest {
    @Test
    void everySignedIntentIsAcceptedAndTheFiguresAreReported() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        IntakeBench.Result result = IntakeBench.run(new IntakeBench.Options(60, 20, 8, 40, 1, 7, Optional.empty()),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(result.notAccepted()).as(out).isZero();
        assertThat(result.acceptedPerSecond()).isPositive();
        assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis());
        assertThat(out).contains("throughput: 60 accepted").contains("warm-up: 20 accepted")
                .contains("latency at 40/s for 1 s");
    }

    @Test
    void refusesSizesThatMeanNothing() {
        assertThatThrownBy(() -> new IntakeBench.Options(0, 0, 1, 1, 1, 1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakeBench.Options(1, -1, 1, 1, 1, 1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.fairauction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's classpath also carries the services and the devnet (Micronaut, Kafka): winner determination must still
 * find the libraries OR-Tools needs there. A 100-bid paths auction is too large for branch and bound, so it goes
 * through CP-SAT (it failed with NoClassDefFoundError com.google.protobuf.RuntimeVersion when Micronaut's BOM chose
 * protobuf 3).
 */
class ReplayClasspathTest {
    @Test
    void anAuctionThatNeedsCpSatReplaysOnTheCliClasspath(@TempDir Path dir) {
        Path file = dir.resolve("paths.json");
        CliTest.Run generated = CliTest.run("generate", "--style", "paths", "--intents", "50", "--solvers", "5",
                "--batched-bids", "100", "--seed", "1", "--out", file.toString());
        assertThat(generated.exit()).as(generated.err()).isZero();
        CliTest.Run replay = CliTest.run("replay", file.toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("\"optimal\":true");
    }
}

package io.fairauction.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The round benchmark's plumbing at a tiny size; its timings are printed, never asserted. */
class RoundBenchTest {

    @Test
    void aTinyBenchmarkMeasuresFullRoundsStepByStepAndStopsEverythingItStarted(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        RoundBench.Options options = new RoundBench.Options(8, 2, 2, 0, 2000, "fair-combinatorial", dir.resolve("state"),
                Optional.of(dir.resolve("rounds.json")), 3);

        List<RoundBench.Round> rounds = new RoundBench(options, out).run();

        System.out.println(printed.toString(StandardCharsets.UTF_8));
        assertThat(rounds).hasSize(2);
        for (RoundBench.Round r : rounds) {
            assertThat(r.intents()).as("every measured auction is full").isEqualTo(8);
            assertThat(r.steps()).containsKeys("open.publish", "close.mechanism", "close.publish",
                    "open.catch-up.end-offsets", "open.catch-up.read", "close.catch-up.end-offsets", "close.catch-up.read");
            // The pools are read in the round, or before it with the opening computed while waiting for it.
            assertThat(r.steps()).satisfiesAnyOf(
                    steps -> assertThat(steps).containsKeys("open.chain-prices", "open.chain-prices.read"),
                    steps -> assertThat(steps).containsKey("open.ahead"));
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("2 rounds measured", "overhead = (a) + (c)");
        assertThat(dir.resolve("rounds.json")).content().contains("\"rounds\"", "\"fanOutLast\"");
        // Broker, Anvil, services: nothing the benchmark started outlives it.
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }
}

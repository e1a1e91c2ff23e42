package io.fairauction.bench;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {
    private static final Scenario MARKET = new Scenario("market-x", "market", 10, 3, 5, "fair-combinatorial", "", false);
    private static final Scenario CATS = new Scenario("cats-x", "arbitrary", 10, 3, 50, "combinatorial", "", true);
    private static final BenchRunner.Config CONFIG = new BenchRunner.Config(List.of(MARKET, CATS), 4, Duration.ofSeconds(60), 2, true);

    private static BenchRunner.Measurement ours(Scenario s, long seed, long millis, boolean optimal, long score, Cbc.Run cbc) {
        return new BenchRunner.Measurement(s, seed, millis, optimal, BigInteger.valueOf(score), BigInteger.ZERO, 2048L * 1024, cbc);
    }

    private static Cbc.Run cbc(long millis, boolean optimal, String objective) {
        return new Cbc.Run(millis, optimal, objective == null ? null : new BigDecimal(objective), 100L * 1024,
                optimal ? "Optimal solution found" : "Stopped on time");
    }

    private static String row(String table, String scenario) {
        return table.lines().filter(l -> l.startsWith("| " + scenario + " |")).findFirst().orElseThrow();
    }

    @Test
    void rowsGiveTheLowerMiddleAsMedianTheNearestRankP90AndTheMaximum() {
        List<BenchRunner.Measurement> ms = new ArrayList<>();
        long[] times = {40, 10, 30, 20};
        for (int k = 0; k < times.length; k++) {
            ms.add(ours(MARKET, k + 1, times[k], k != 2, 7, null));
        }
        String row = row(BenchReport.markdown(ms, CONFIG), "market-x");
        assertThat(row).isEqualTo("| market-x | fair-combinatorial | 4 | 3 | 20 ms | 40 ms | 40 ms | 2048 MB | | | | | |");
    }

    @Test
    void cbcColumnsCountOnlyProvenRunsAndGiveTheRatioOfMedians() {
        List<BenchRunner.Measurement> ms = List.of(
                ours(CATS, 1, 1_000, true, 5, cbc(4_000, true, "5")),
                ours(CATS, 2, 2_000, true, 6, cbc(12_000, true, "6")),
                ours(CATS, 3, 60_000, false, 6, cbc(60_000, false, null)));
        String table = BenchReport.markdown(ms, CONFIG);
        assertThat(row(table, "cats-x")).isEqualTo(
                "| cats-x | combinatorial | 3 | 2 | 2000 ms | 60.0 s | 60.0 s | 2048 MB | 2 | 12.0 s | 60.0 s | 100 MB | 0.17 |");
        assertThat(table).contains("All instances solved side by side with CBC (3): median ours 2000 ms, median CBC 12.0 s.")
                .contains("Time limit 60 s per instance for both; 2 CP-SAT worker thread(s); 4 seed(s) per scenario.")
                .doesNotContain("disagreement");
    }

    @Test
    void aDifferentProvenOptimumIsReported() {
        List<BenchRunner.Measurement> ms = List.of(ours(CATS, 9, 10, true, 1_000, cbc(10, true, "998")));
        assertThat(BenchReport.markdown(ms, CONFIG)).contains("Optimum disagreements with CBC: cats-x seed 9: ours 1000, CBC 998");
    }

    @Test
    void cbcsRoundingOfAWeiScaleOptimumIsNoDisagreement() {
        // An LP written in units of 10^9 wei: CBC's double is exact to about 16 digits.
        BigInteger wei = new BigInteger("175323645296772081669");
        Cbc.Run run = cbc(10, true, "175323645296.7721").inWei(9);
        assertThat(run.objective()).isEqualByComparingTo("175323645296772100000");
        var m = new BenchRunner.Measurement(CATS, 1, 10, true, wei, BigInteger.ZERO, 0, run);
        assertThat(m.disagrees()).isFalse();
        var off = new BenchRunner.Measurement(CATS, 1, 10, true, wei.add(BigInteger.TEN.pow(12)), BigInteger.ZERO, 0, run);
        assertThat(off.disagrees()).isTrue();
    }
}

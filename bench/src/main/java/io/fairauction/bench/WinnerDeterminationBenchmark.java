package io.fairauction.bench;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one mechanism run (screening, filter, exact winner determination) on a fixed generated auction.
 * {@code java -jar bench/target/benchmarks.jar -p scenario=market-200}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WinnerDeterminationBenchmark {

    @Param({"market-200", "paths-200-1000", "scheduling-100-500"})
    public String scenario;

    @Param({"1"})
    public long seed;

    private Mechanism mechanism;
    private Competition competition;
    private MechanismOptions options;

    @Setup
    public void setUp() {
        Scenario s = Scenarios.byName(scenario).orElseThrow(() -> new IllegalArgumentException("unknown scenario " + scenario));
        mechanism = Mechanisms.byName(s.mechanism()).orElseThrow();
        competition = AuctionGenerator.generate(s.spec(seed));
        options = MechanismOptions.DEFAULT.withTimeLimit(Duration.ofSeconds(60));
    }

    @Benchmark
    public AuctionResult run() {
        return mechanism.run(competition, options);
    }
}

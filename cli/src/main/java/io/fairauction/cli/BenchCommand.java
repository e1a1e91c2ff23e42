package io.fairauction.cli;

import io.fairauction.bench.BenchReport;
import io.fairauction.bench.BenchRunner;
import io.fairauction.bench.Scenario;
import io.fairauction.bench.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code auction bench}: the benchmark table of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time screening, filter and exact winner determination on generated auctions, with CBC side by "
                + "side on the CATS-style ones where it is installed (apt-get install coinor-cbc), and print a "
                + "markdown table. Progress goes to stderr.",
                "Scenarios: market-200, market-1000, and CATS-style <style>-<goods>-<bids> (see --list)."})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Run only these scenarios (repeatable).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Instances per scenario. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--time-limit-ms", paramLabel = "T", defaultValue = "60000",
            description = "Per instance, for us and for CBC. Default: ${DEFAULT-VALUE}.")
    long timeLimitMs;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "2", description = "CP-SAT threads. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--no-cbc", description = "Do not run CBC.")
    boolean noCbc;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE.")
    Path out;

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Override
    public void run() {
        if (list) {
            for (Scenario s : Scenarios.standard()) {
                spec.commandLine().getOut().printf("%-22s %s, %d intents, %d solvers, %s%s%n", s.name(), s.style(),
                        s.intents(), s.solvers(), s.mechanism(), s.target().isEmpty() ? "" : "; target: " + s.target());
            }
            spec.commandLine().getOut().flush();
            return;
        }
        if (seeds < 1 || timeLimitMs <= 0 || workers < 1) {
            throw new BadInputException("--seeds, --time-limit-ms and --workers must be positive");
        }
        List<Scenario> chosen = new ArrayList<>();
        if (scenarios.isEmpty()) {
            chosen.addAll(Scenarios.standard());
        }
        for (String name : scenarios) {
            chosen.add(Scenarios.byName(name).orElseThrow(() -> new BadInputException("unknown scenario \"" + name
                    + "\" (see: auction bench --list)")));
        }
        BenchRunner.Config config = new BenchRunner.Config(chosen, seeds, Duration.ofMillis(timeLimitMs), workers, !noCbc);
        try {
            String table = BenchReport.markdown(BenchRunner.run(config, new PrintStream(System.err, true)), config);
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            if (out != null) {
                Files.writeString(out, table);
            }
        } catch (IOException e) {
            throw new BadInputException("bench failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted");
        }
    }
}

package io.fairauction.cli;

import io.fairauction.core.json.ResultJson;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code auction replay}: runs a mechanism on auction files and prints the results. Many files run in one process
 * (warm: the JIT and the native solver are loaded once), one JSON line each, so recorded auctions can be replayed
 * by the thousand.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run a mechanism on auction files (or - for standard input) and print the result JSON.",
                "With several files: one result per line (JSON Lines) in argument order; a bad file's error goes to "
                        + "stderr and the others still run."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every result was printed",
                "2:bad input: one line on stderr per problem (with several files, after all the others ran)"})
final class ReplayCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    MechanismArgs args;

    @Option(names = "--pretty", description = "Indent the JSON (one file only: JSON Lines needs one line per result).")
    boolean pretty;

    @Option(names = "--explain", description = "Print a human-readable account instead of JSON.")
    boolean explain;

    @Parameters(paramLabel = "FILE|-", arity = "1..*", description = "Auction files, or - for standard input.")
    List<String> files;

    @Override
    public void run() {
        // Options are checked once, before any file runs: a bad option is not a bad file.
        Mechanism mechanism = args.mechanism();
        MechanismOptions options = args.options();
        if (files.size() > 1 && pretty) {
            throw new BadInputException("--pretty needs a single file (several files print JSON Lines)");
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new BadInputException("standard input (-) can be read only once");
        }
        if (files.size() == 1) {
            // One file: its error is the command's error, as it has always been.
            replay(mechanism, options, files.get(0));
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (String file : files) {
            try {
                replay(mechanism, options, file);
            } catch (BadInputException e) {
                failed++;
                err.println("auction: " + e.getMessage());
                err.flush();
            }
        }
        if (failed > 0) {
            throw new BadInputException(failed + " of " + files.size() + " files failed");
        }
    }

    private void replay(Mechanism mechanism, MechanismOptions options, String file) {
        Competition competition = AuctionFileInput.read(file);
        AuctionResult result = mechanism.run(competition, options);
        PrintWriter out = spec.commandLine().getOut();
        if (explain) {
            out.print(io.fairauction.core.explain.Explainer.explain(competition, result));
        } else {
            out.println(ResultJson.write(result, pretty));
        }
        out.flush();
    }
}

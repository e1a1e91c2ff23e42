package io.fairauction.cli;

import io.fairauction.core.json.ResultJson;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auction replay}: runs a mechanism on an auction file and prints the result. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a mechanism on an auction file (or - for standard input) and print the result JSON.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the result was printed", "2:bad input: one line on stderr names the problem"})
final class ReplayCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    MechanismArgs args;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Option(names = "--explain", description = "Print a human-readable account instead of JSON.")
    boolean explain;

    @Parameters(paramLabel = "FILE|-", description = "Auction file, or - for standard input.")
    String file;

    @Override
    public void run() {
        Mechanism mechanism = args.mechanism();
        var options = args.options();
        Competition competition = AuctionFileInput.read(file);
        AuctionResult result = mechanism.run(competition, options);
        if (explain) {
            spec.commandLine().getOut().print(io.fairauction.core.explain.Explainer.explain(competition, result));
        } else {
            spec.commandLine().getOut().println(ResultJson.write(result, pretty));
        }
        spec.commandLine().getOut().flush();
    }
}

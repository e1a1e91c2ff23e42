package io.fairauction.cli;

import io.fairauction.core.lp.LpFormat;
import io.fairauction.core.model.Competition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code auction export-lp}: the winner-determination problem as a CPLEX LP file. */
@Command(name = "export-lp", mixinStandardHelpOptions = true,
        description = {"Write the winner-determination problem of an auction file as a CPLEX LP file, after screening "
                + "and filtering, so any MIP solver can check the optimum (its objective equals totalScore).",
                "Example: ./auction export-lp auction.json > auction.lp && cbc auction.lp solve"})
final class ExportLpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    MechanismArgs args;

    @Option(names = {"-o", "--out"}, paramLabel = "LP", description = "Write to this file instead of standard output.")
    Path out;

    @Parameters(paramLabel = "FILE|-", description = "Auction file, or - for standard input.")
    String file;

    @Override
    public void run() {
        Competition competition = AuctionFileInput.read(file);
        String lp = LpFormat.write(args.mechanism().selectionProblem(competition, args.options()));
        if (out == null) {
            spec.commandLine().getOut().print(lp);
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Files.writeString(out, lp);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write: " + BadInputException.reason(e));
        }
    }
}

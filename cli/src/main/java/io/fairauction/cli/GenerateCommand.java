package io.fairauction.cli;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.generate.Style;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Competition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** {@code auction generate}: writes a synthetic auction file, the same bytes for the same arguments. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic auction file (intents, tokens, bids) to standard output or a file.",
                "The same arguments give byte-identical output on every run and machine (see docs/generator.md)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the auction was written", "2:bad input: one line on stderr names the problem"})
final class GenerateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--intents", paramLabel = "N", required = true,
            description = "Number of intents (for the CATS styles: of goods).")
    int intents;

    @Option(names = "--solvers", paramLabel = "S", required = true,
            description = "Number of solvers (for the CATS styles: bidders are dealt round-robin to S solvers).")
    int solvers;

    @Option(names = "--batched-bids", paramLabel = "B",
            description = {"market: number of batched bids, on top of min(S,3) individual bids per intent (default 2N).",
                    "CATS styles: number of all bids (default 5N)."})
    Integer batchedBids;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "0",
            description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--style", paramLabel = "NAME", defaultValue = AuctionGenerator.DEFAULT_STYLE,
            completionCandidates = StyleNames.class,
            description = {"One of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
                    "market: realistic intents, a strong and a weak solver per token pair (Canidio & Henneke),"
                            + " batched bids with a batching factor g, some unfair.",
                    "arbitrary, paths, regions, scheduling: the CATS distributions (Leyton-Brown, Pearson & Shoham"
                            + " 2000) written as intents and bids; arbitrary is the Gasse et al. 2019 / Ecole variant.",
                    "matching: CATS temporal matching (airport slots, --intents a multiple of 4).",
                    "random, weighted-random, uniform, decay: the legacy distributions of Sandholm (2002) and"
                            + " Fujishima et al. (1999)."})
    String style;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    public void run() {
        AuctionGenerator.Spec generation;
        Competition competition;
        try {
            int bids = batchedBids != null ? batchedBids : AuctionGenerator.defaultBatchedBids(style, Math.max(intents, 1));
            generation = new AuctionGenerator.Spec(intents, solvers, bids, seed, style);
            competition = AuctionGenerator.generate(generation);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        // "\n", not println: the platform line separator would make the bytes differ between machines.
        String text = AuctionJson.write(competition, pretty) + "\n";
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
            return;
        }
        try {
            Files.write(out, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write: " + BadInputException.reason(e));
        }
    }

    /** The style names, for {@code --help} and shell completion. */
    static final class StyleNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return AuctionGenerator.styles().stream().map(Style::name).iterator();
        }
    }
}

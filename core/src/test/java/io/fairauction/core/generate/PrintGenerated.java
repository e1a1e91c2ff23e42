package io.fairauction.core.generate;

import io.fairauction.core.json.AuctionJson;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints one generated auction (pretty JSON) on standard output: {@code INTENTS SOLVERS BATCHED SEED STYLE}.
 * {@link GeneratorRecordingTest} runs it in a fresh JVM, so the pinned outputs are checked against a process that
 * shares no state (class initialisation order, hash seeds, earlier generations) with the test's own JVM.
 */
public final class PrintGenerated {
    private PrintGenerated() {
    }

    public static void main(String[] args) {
        AuctionGenerator.Spec spec = new AuctionGenerator.Spec(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Long.parseLong(args[3]), args[4]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(AuctionJson.write(AuctionGenerator.generate(spec), true));
        out.flush();
    }
}

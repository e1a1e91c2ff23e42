package io.fairauction.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Competition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Exit code, standard output and standard error of one run of {@code auction ARGS}. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = AuctionCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesAnAuctionFileToStandardOutput() throws Exception {
        Run r = run("generate", "--intents", "20", "--solvers", "4", "--seed", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("}\n").doesNotContain("\r");
        Competition c = AuctionJson.read(r.out());
        assertThat(c.auction().intents()).hasSize(20);
        assertThat(c.bids()).hasSize(20 * 3 + 40); // 3 individual bids per intent, default 2 batched per intent
    }

    @ParameterizedTest(name = "style {0}")
    @ValueSource(strings = {"market", "arbitrary", "paths", "regions", "scheduling"})
    void sameArgumentsGiveTheSameBytes(String style) {
        String[] args = {"generate", "--intents", "15", "--solvers", "3", "--batched-bids", "30", "--seed", "11",
                "--style", style, "--pretty"};
        Run first = run(args);
        Run second = run(args);
        assertThat(first.exit()).as(style).isZero();
        assertThat(second.out()).as(style).isEqualTo(first.out());
    }

    @Test
    void differentSeedsGiveDifferentAuctions() throws Exception {
        Run a = run("generate", "--intents", "10", "--solvers", "3", "--seed", "1");
        Run b = run("generate", "--intents", "10", "--solvers", "3", "--seed", "2");
        // The id names the seed: compare everything else, or a generator that ignored --seed would pass.
        ObjectNode first = (ObjectNode) MAPPER.readTree(a.out());
        ObjectNode second = (ObjectNode) MAPPER.readTree(b.out());
        assertThat(first.remove("id").asText()).isEqualTo("market-1");
        assertThat(second.remove("id").asText()).isEqualTo("market-2");
        assertThat(second).isNotEqualTo(first);
        assertThat(second.get("bids")).isNotEqualTo(first.get("bids"));
    }

    @Test
    void outWritesTheSameBytesToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("auction.json");
        Run toFile = run("generate", "--intents", "12", "--solvers", "5", "--style", "paths", "--out", file.toString());
        Run toStdout = run("generate", "--intents", "12", "--solvers", "5", "--style", "paths");
        assertThat(toFile.exit()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo(toStdout.out());
    }

    @Test
    void catsStylesTakeBatchedBidsAsTheNumberOfAllBids() throws Exception {
        Run r = run("generate", "--intents", "100", "--solvers", "10", "--batched-bids", "500", "--style", "arbitrary");
        Competition c = AuctionJson.read(r.out());
        assertThat(c.auction().intents()).hasSize(100);
        assertThat(c.bids()).hasSize(500);
    }

    @Test
    void noIntentsIsBadInputOnOneLine() {
        Run r = run("generate", "--intents", "0", "--solvers", "4");
        assertThat(r.exit()).isEqualTo(AuctionCli.EXIT_BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("auction: the number of intents must be in 1..100000 for style market, got 0"
                + System.lineSeparator());
    }

    @Test
    void unknownStyleIsBadInputNamingTheStyles() {
        Run r = run("generate", "--intents", "5", "--solvers", "2", "--style", "combinatorial");
        assertThat(r.exit()).isEqualTo(AuctionCli.EXIT_BAD_INPUT);
        assertThat(r.err().lines()).containsExactly(
                "auction: unknown style \"combinatorial\"; one of: market, arbitrary, paths, regions, scheduling, matching, random, weighted-random, uniform, decay");
    }

    @Test
    void negativeBatchedBidsAndTooFewIntentsForABatchAreBadInput() {
        assertThat(run("generate", "--intents", "5", "--solvers", "2", "--batched-bids", "-1").err().lines())
                .containsExactly("auction: the number of batched bids must be in 0..2000000, got -1");
        assertThat(run("generate", "--intents", "1", "--solvers", "2", "--batched-bids", "3").err().lines())
                .containsExactly("auction: batched bids need at least 2 intents");
        assertThat(run("generate", "--intents", "1", "--solvers", "2").exit()).as("default: no batched bids for one intent")
                .isZero();
    }

    @Test
    void anUnwritableOutFileIsBadInput(@TempDir Path dir) {
        Run r = run("generate", "--intents", "3", "--solvers", "2", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(AuctionCli.EXIT_BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("auction: " + dir + ": cannot write");
    }

    @Test
    void helpListsTheStyles() {
        Run r = run("generate", "--help");
        assertThat(r.exit()).isZero();
        // Help text wraps at the terminal width: compare with the line breaks folded.
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--style=NAME")
                .contains("One of: market, arbitrary, paths, regions, scheduling, matching, random, weighted-random, uniform, decay");
    }
}

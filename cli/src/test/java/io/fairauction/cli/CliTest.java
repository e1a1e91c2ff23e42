package io.fairauction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String AUCTION = """
            {"id": "42",
             "tokens": {"0x000000000000000000000000000000000000000a": {"decimals": 18, "symbol": "A", "nativePrice": "1000000000000000000"},
                        "0x000000000000000000000000000000000000000b": {"decimals": 18, "symbol": "B", "nativePrice": "1000000000000000000"},
                        "0x000000000000000000000000000000000000000c": {"decimals": 18, "symbol": "C", "nativePrice": "1000000000000000000"},
                        "0x000000000000000000000000000000000000000d": {"decimals": 18, "symbol": "D", "nativePrice": "1000000000000000000"}},
             "intents": [
               {"uid": "0x01", "owner": "0xaa", "side": "sell", "sellToken": "0x000000000000000000000000000000000000000a", "buyToken": "0x000000000000000000000000000000000000000b", "sellAmount": "1000", "buyAmount": "100", "validTo": 1790000000},
               {"uid": "0x02", "owner": "0xbb", "side": "sell", "sellToken": "0x000000000000000000000000000000000000000c", "buyToken": "0x000000000000000000000000000000000000000d", "sellAmount": "1000", "buyAmount": "100", "validTo": 1790000000}],
             "bids": [
               {"id": "b1", "solver": "S1", "trades": [{"intent": "0x01", "executedSell": "1000", "executedBuy": "120"}]},
               {"id": "b2", "solver": "S2", "trades": [{"intent": "0x02", "executedSell": "1000", "executedBuy": "110"}]},
               {"id": "b3", "solver": "S2", "trades": [{"intent": "0x01", "executedSell": "1000", "executedBuy": "125"}, {"intent": "0x02", "executedSell": "1000", "executedBuy": "106"}]},
               {"id": "b4", "solver": "S1", "trades": [{"intent": "0x01", "executedSell": "1000", "executedBuy": "120"}, {"intent": "0x02", "executedSell": "1000", "executedBuy": "111"}]}]}
            """;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        return runWithInput(null, args);
    }

    static Run runWithInput(String stdin, String... args) {
        CommandLine cl = AuctionCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        InputStream saved = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    /** A result line without its wall-clock solveMillis, the one field that differs between runs. */
    static String timeless(String json) {
        return json.replaceAll("\"solveMillis\":\\d+", "\"solveMillis\":_");
    }

    private static Path auction(Path dir) throws Exception {
        Path f = dir.resolve("auction.json");
        Files.writeString(f, AUCTION);
        return f;
    }

    @Test
    void replayPrintsTheResultInTheDocumentedShape(@TempDir Path dir) throws Exception {
        Run r = run("replay", auction(dir).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = MAPPER.readTree(r.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("auction", "mechanism", "winners", "filtered", "scores", "reference", "outcome",
                "totalScore", "optimal", "gap", "solveMillis");
        assertThat(json.get("mechanism").asText()).isEqualTo("fair-combinatorial");
        assertThat(json.get("winners").toString()).isEqualTo("[\"b4\"]");
        assertThat(json.at("/filtered/b3/code").asText()).isEqualTo("unfair");
        assertThat(json.at("/filtered/b3/detail").asText()).isEqualTo("106 < reference 110 (solver S2)");
        assertThat(json.at("/outcome/0x02/amount").asText()).isEqualTo("111");
        assertThat(json.at("/outcome/0x02/paid").asText()).isEqualTo("1000");
        assertThat(json.get("totalScore").asText()).isEqualTo("31");
        assertThat(r.out().strip()).as("one line unless --pretty").doesNotContain("\n");
    }

    @Test
    void replayOfCowAddsReferenceScores(@TempDir Path dir) throws Exception {
        Run r = run("replay", "--mechanism", "cow", "--pretty", auction(dir).toString());
        assertThat(r.exit()).isZero();
        JsonNode json = MAPPER.readTree(r.out());
        assertThat(json.get("referenceScores").toString()).isEqualTo("{\"S1\":\"10\"}");
        assertThat(r.out()).contains("\n  \"winners\"");
    }

    @Test
    void replayReadsStandardInput() {
        Run r = runWithInput(AUCTION, "replay", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"winners\":[\"b4\"]");
    }

    @Test
    void aBadFileExitsWithCode2AndOneLineNamingTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, AUCTION.replace("\"sellAmount\": \"1000\", \"buyAmount\": \"100\", \"validTo\": 1790000000},\n",
                "\"sellAmount\": \"ten\", \"buyAmount\": \"100\", \"validTo\": 1790000000},\n"));
        Run r = run("replay", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("auction: " + f + ": intents[0].sellAmount: must be an integer as a decimal string, got \"ten\"");
    }

    @Test
    void aMissingFileUnknownMechanismOrBadOptionExitsWithCode2AndOneLine(@TempDir Path dir) throws Exception {
        Path f = auction(dir);
        for (String[] args : new String[][] {
                {"replay", dir.resolve("nope.json").toString()},
                {"replay", "--mechanism", "vickrey", f.toString()},
                {"replay", "--max-winners", "-1", f.toString()},
                {"replay", "--time-limit-ms", "0", f.toString()},
                {"replay", "--no-such-option", f.toString()},
                {"replay"},
                {"export-lp", dir.toString()}}) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("auction: ");
        }
    }

    @Test
    void replayOfSeveralFilesPrintsOneLinePerFileInArgumentOrderEachAsItsSingleFileRun(@TempDir Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        for (String id : new String[] {"7", "3", "42", "5"}) {
            Path f = dir.resolve("a" + id + ".json");
            // b2 bids more on one file, so the results differ beyond their ids.
            Files.writeString(f, AUCTION.replace("\"id\": \"42\"", "\"id\": \"" + id + "\"")
                    .replace("\"executedBuy\": \"110\"", "\"executedBuy\": \"" + (110 + Integer.parseInt(id)) + "\""));
            files.add(f.toString());
        }
        List<String> args = new ArrayList<>(List.of("replay", "--mechanism", "combinatorial"));
        args.addAll(files);
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        for (int k = 0; k < files.size(); k++) {
            Run single = run("replay", "--mechanism", "combinatorial", files.get(k));
            assertThat(timeless(lines.get(k))).as(files.get(k)).isEqualTo(timeless(single.out().strip()));
        }
        assertThat(lines.stream().map(l -> {
            try {
                return MAPPER.readTree(l).get("auction").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList()).containsExactly("7", "3", "42", "5");
    }

    @Test
    void aBadFileAmongSeveralGoesToStderrTheOthersStillRunAndTheExitIs2(@TempDir Path dir) throws Exception {
        Path good = auction(dir);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\": ");
        Path missing = dir.resolve("missing.json");
        Run r = run("replay", good.toString(), bad.toString(), good.toString(), missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        String one = timeless(run("replay", good.toString()).out().strip());
        assertThat(r.out().lines().map(CliTest::timeless).toList()).containsExactly(one, one);
        List<String> err = r.err().lines().toList();
        assertThat(err).hasSize(3);
        assertThat(err.get(0)).startsWith("auction: " + bad + ": ");
        assertThat(err.get(1)).isEqualTo("auction: " + missing + ": no such file");
        assertThat(err.get(2)).isEqualTo("auction: 2 of 4 files failed");
    }

    @Test
    void prettyWithSeveralFilesIsRefusedBeforeAnyRuns(@TempDir Path dir) throws Exception {
        Path f = auction(dir);
        Run r = run("replay", "--pretty", f.toString(), f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("auction: --pretty needs a single file (several files print JSON Lines)");
    }

    @Test
    void explainTellsEachTraderTheirReferenceAndEachFilteredBidWhy(@TempDir Path dir) throws Exception {
        Run r = run("replay", "--explain", auction(dir).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("reference receives 0.00000000000000011 D (110), set by S2")
                .contains("b3 (solver S2): unfair on 0x02 - 106 < reference 110 (solver S2)")
                .contains("b4 (solver S1): score 31 wei, batched bid on 2 intents")
                .contains("0x02: receives 0.000000000000000111 D (111) via b4 (S1); +1 better than the reference")
                .contains("proven optimal");
    }

    @Test
    void theCommandLineBuiltForTheArgumentsRunsThemAsTheFullCommandDoes(@TempDir Path dir) throws Exception {
        String f = auction(dir).toString();
        for (String[] args : new String[][] {{"replay", f}, {"mechanisms"}, {"--help"}, {"help", "replay"}}) {
            CommandLine cl = AuctionCli.commandLine(args);
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertThat(cl.execute(args)).isZero();
            assertThat(timeless(out.toString())).as(String.join(" ", args)).isEqualTo(timeless(run(args).out()));
        }
        assertThat(run("--help").out()).contains("  mechanisms", "  replay", "  export-lp", "  generate", "  bench",
                "  chain", "  help");
    }

    @Test
    void mechanismsListsAllSevenOnePerLine() {
        Run r = run("mechanisms");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().map(l -> l.split("\\s+")[0]).toList()).containsExactly(
                "fair-combinatorial", "fair-combinatorial-second-price", "combinatorial", "batch",
                "simultaneous-first-price", "simultaneous-second-price", "cow");
    }

    @Test
    void exportLpWritesTheFilteredProblem(@TempDir Path dir) throws Exception {
        Run r = run("export-lp", auction(dir).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // b3 is unfair and left out: three bids remain.
        assertThat(r.out()).contains("Maximize\n obj: 31 x0 + 20 x1 + 10 x2\n")
                .contains("\\ x0 = bid b4").doesNotContain("bid b3")
                .contains("Binary\n x0 x1 x2\nEnd\n");
        Path lp = dir.resolve("out.lp");
        assertThat(run("export-lp", "--mechanism", "combinatorial", "-o", lp.toString(), auction(dir).toString()).exit()).isZero();
        assertThat(Files.readString(lp)).contains("bid b3");
    }
}

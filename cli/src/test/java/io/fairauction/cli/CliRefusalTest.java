package io.fairauction.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad options and unusable paths: exit code 2, nothing on standard output, and exactly one line on standard error,
 * compared whole. None of these starts Anvil or needs a chain.
 */
class CliRefusalTest {
    /** A well-formed deployment file (addresses made up): only the RPC URL given beside it is wrong. */
    private static final String DEPLOYMENT = """
            {"chainId": 31337, "rpcUrl": "http://127.0.0.1:1", "block": 1,
             "owner": "0x%1$s", "submitters": ["0x%1$s"], "settlement": "0x%2$s", "relayer": "0x%3$s",
             "factory": "0x%3$s", "router": "0x%3$s", "tokens": [], "pools": []}
            """.formatted("11".repeat(20), "22".repeat(20), "33".repeat(20));

    @TempDir
    Path dir;

    private Path auction() throws Exception {
        Path f = dir.resolve("auction.json");
        Files.writeString(f, CliTest.AUCTION);
        return f;
    }

    private static void refused(CliTest.Run r, String line) {
        assertThat(r.exit()).as(r.err()).isEqualTo(AuctionCli.EXIT_BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(line);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--workers                | 0  | --workers must be at least 1, got 0",
            "--workers                | -3 | --workers must be at least 1, got -3",
            "--max-winners            | -1 | --max-winners must not be negative (0: no cap), got -1",
            "--max-winners-per-solver | -2 | --max-winners-per-solver must not be negative (0: no cap), got -2",
            "--max-bids-per-solver    | -1 | --max-bids-per-solver must not be negative (0: no cap), got -1",
            "--time-limit-ms          | 0  | --time-limit-ms must be positive, got 0"})
    void badMechanismOptionsAreRefusedByReplayAndExportLp(String option, String value, String message) throws Exception {
        for (String command : new String[] {"replay", "export-lp"}) {
            refused(CliTest.run(command, option, value, auction().toString()), "auction: " + message);
        }
    }

    @Test
    void anUnknownMechanismIsRefusedNamingTheKnownOnes() throws Exception {
        refused(CliTest.run("replay", "--mechanism", "vickrey", auction().toString()),
                "auction: unknown mechanism \"vickrey\"; one of: fair-combinatorial, fair-combinatorial-second-price, "
                        + "combinatorial, batch, simultaneous-first-price, simultaneous-second-price, cow");
    }

    @Test
    void aNonNumericOptionIsRefusedWithPicocliMessageAndWhereToGetHelp() throws Exception {
        refused(CliTest.run("replay", "--workers", "two", auction().toString()),
                "auction: Invalid value for option '--workers': 'two' is not an int (see: auction replay --help)");
    }

    @Test
    void aMissingInputFileADirectoryOrNoFileIsRefused() {
        Path missing = dir.resolve("nope.json");
        refused(CliTest.run("export-lp", missing.toString()), "auction: " + missing + ": no such file");
        refused(CliTest.run("export-lp", dir.toString()), "auction: " + dir + ": cannot read: is a directory");
        refused(CliTest.run("export-lp"), "auction: Missing required parameter: 'FILE|-' (see: auction export-lp --help)");
    }

    @Test
    void exportLpToADirectoryOrIntoAMissingDirectoryIsRefused() throws Exception {
        Path file = auction();
        refused(CliTest.run("export-lp", "-o", dir.toString(), file.toString()),
                "auction: " + dir + ": cannot write: Is a directory");
        Path missing = dir.resolve("no-such-dir").resolve("out.lp");
        refused(CliTest.run("export-lp", "-o", missing.toString(), file.toString()),
                "auction: " + missing + ": cannot write: no such file or directory");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void generateIntoAMissingDirectoryIsRefused() {
        Path missing = dir.resolve("no-such-dir").resolve("a.json");
        refused(CliTest.run("generate", "--intents", "3", "--solvers", "2", "--out", missing.toString()),
                "auction: " + missing + ": cannot write: no such file or directory");
    }

    @ParameterizedTest(name = "chain start {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--port     | 65536 | port must be in 0..65535, got 65536",
            "--port     | -1    | port must be in 0..65535, got -1",
            "--chain-id | 0     | chain id must be positive, got 0",
            "--chain-id | -5    | chain id must be positive, got -5"})
    void chainStartRefusesAPortOrChainIdOutOfRange(String option, String value, String message) {
        refused(CliTest.run("chain", "start", option, value), "auction: " + message);
    }

    @Test
    void chainStartRefusesAPortThatIsNotANumber() {
        refused(CliTest.run("chain", "start", "--port", "http"),
                "auction: Invalid value for option '--port': 'http' is not an int (see: auction chain start --help)");
    }

    @Test
    void chainDeployRefusesADeployerKeyVariableThatIsUnsetOrNotAKey() {
        String unset = "FAIR_AUCTION_TEST_VARIABLE_THAT_IS_NOT_SET";
        assertThat(System.getenv(unset)).isNull();
        refused(CliTest.run("chain", "deploy", "--deployer-key-env", unset, "--rpc", "http://127.0.0.1:1"),
                "auction: environment variable " + unset + " does not hold a 32-byte hex private key");
        assertThat(System.getenv("PATH")).as("set, and not a key").isNotNull();
        refused(CliTest.run("chain", "deploy", "--deployer-key-env", "PATH", "--rpc", "http://127.0.0.1:1"),
                "auction: environment variable PATH does not hold a 32-byte hex private key");
    }

    @Test
    void chainDeployRefusesASubmitterThatIsNotAnAddressBeforeConnecting() {
        refused(CliTest.run("chain", "deploy", "--submitter", "bob", "--rpc", "http://127.0.0.1:1"),
                "auction: --submitter is not an address (0x and 40 hex digits): bob");
        refused(CliTest.run("chain", "deploy", "--submitter", "0x" + "12".repeat(19), "--rpc", "http://127.0.0.1:1"),
                "auction: --submitter is not an address (0x and 40 hex digits): 0x" + "12".repeat(19));
    }

    @Test
    void chainDeployRefusesAnRpcUrlThatIsNotHttp() {
        refused(CliTest.run("chain", "deploy", "--rpc", "ws://127.0.0.1:8545", "--out", dir.resolve("d.json").toString()),
                "auction: RPC_FAILED: RPC URL must be http(s)://..., got ws://127.0.0.1:8545");
    }

    @Test
    void chainDeployToAnRpcUrlThatDoesNotAnswerIsBadInput() {
        CliTest.Run r = CliTest.run("chain", "deploy", "--rpc", "http://127.0.0.1:1", "--out", dir.resolve("d.json").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(AuctionCli.EXIT_BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .matches("auction: RPC_FAILED: no answer from http://127\\.0\\.0\\.1:1: .*[Cc]onnect.*");
        assertThat(dir.resolve("d.json")).doesNotExist();
    }

    @Test
    void chainStatusRefusesAMissingDeploymentFile() {
        Path missing = dir.resolve("deployment.json");
        refused(CliTest.run("chain", "status", "--deployment", missing.toString()),
                "auction: DEPLOYMENT_INVALID: no deployment file at " + missing + " (run `auction chain deploy` first)");
    }

    @Test
    void chainStatusRefusesAFileThatIsNotADeployment() throws Exception {
        Path file = auction();
        refused(CliTest.run("chain", "status", "--deployment", file.toString()),
                "auction: DEPLOYMENT_INVALID: " + file + " is not a deployment file: Cannot deserialize value of type "
                        + "`java.util.ArrayList<io.fairauction.chain.Deployment$TokenInfo>` from Object value "
                        + "(token `JsonToken.START_OBJECT`) (line 2, column 12)");
        Path half = dir.resolve("half.json");
        Files.writeString(half, DEPLOYMENT.replace("\"settlement\": \"0x" + "22".repeat(20) + "\", ", ""));
        refused(CliTest.run("chain", "status", "--deployment", half.toString()),
                "auction: DEPLOYMENT_INVALID: " + half + " is not a deployment file: Cannot construct instance of "
                        + "`io.fairauction.chain.Deployment`, problem: settlement is missing (line 3, column 140)");
    }

    @Test
    void chainStatusRefusesAnRpcUrlThatIsNotHttp() throws Exception {
        Path file = dir.resolve("deployment.json");
        Files.writeString(file, DEPLOYMENT);
        refused(CliTest.run("chain", "status", "--deployment", file.toString(), "--rpc", "localhost:8545"),
                "auction: RPC_FAILED: RPC URL must be http(s)://..., got localhost:8545");
    }
}

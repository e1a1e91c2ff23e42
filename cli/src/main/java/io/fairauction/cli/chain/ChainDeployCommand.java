package io.fairauction.cli.chain;

import io.fairauction.chain.Chain;
import io.fairauction.chain.ChainException;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.Deployment;
import io.fairauction.cli.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auction chain deploy}: deploys everything, seeds the pools, authorises the submitter. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy Settlement (and its Relayer), wrapped ether, test tokens, constant-product pools with "
                + "liquidity and a router; authorise the submitter; write the deployment JSON services read.",
                "The deployer signs with Anvil's public dev account 0 unless --deployer-key-env names a variable "
                        + "holding a private key."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:deployed; the deployment file's path is printed", "1:a transaction failed",
                "2:bad input: one line on stderr names the problem"})
final class ChainDeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rpc", defaultValue = ChainCommand.DEFAULT_RPC, description = "JSON-RPC URL (default: ${DEFAULT-VALUE}).")
    String rpc;

    @Option(names = "--out", paramLabel = "FILE", description = "Deployment JSON to write (default: devnet-state/deployment.json).")
    Path out = ChainCommand.DEFAULT_DEPLOYMENT;

    @Option(names = "--submitter", paramLabel = "ADDRESS",
            description = "Address allowed to call settle (default: Anvil dev account 1).")
    String submitter; // null: the dev account, derived only when deploying (it costs a key derivation at startup)

    @Option(names = "--deployer-key-env", paramLabel = "VAR",
            description = "Environment variable holding the deployer's private key (hex).")
    String deployerKeyEnv;

    @Override
    public Integer call() {
        Credentials deployer = deployer();
        if (submitter == null) {
            submitter = DevAccounts.account(DevAccounts.SUBMITTER).getAddress();
        }
        // Checked before connecting, so a typo is reported as such and not as an unreachable chain.
        if (!submitter.matches("0x[0-9a-fA-F]{40}")) {
            throw new BadInputException("--submitter is not an address (0x and 40 hex digits): " + submitter);
        }
        PrintWriter print = spec.commandLine().getOut();
        try (Chain chain = ChainCommand.connect(rpc)) {
            Deployment deployment;
            try {
                deployment = new Deployer(chain, deployer).deploy(submitter);
            } catch (ChainException e) {
                throw ChainCommand.asInput(e);
            }
            deployment.write(out);
            print.println("deployed on chain " + deployment.chainId() + " at block " + deployment.block());
            for (Deployment.Named c : deployment.contracts()) {
                print.printf("  %-16s %s%n", c.name(), c.address());
            }
            print.println("submitter: " + submitter);
            print.println("deployment: " + out.toAbsolutePath());
            print.flush();
            return 0;
        }
    }

    private Credentials deployer() {
        if (deployerKeyEnv == null) {
            return DevAccounts.account(DevAccounts.DEPLOYER);
        }
        String key = System.getenv(deployerKeyEnv);
        if (key == null || !key.strip().matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new BadInputException("environment variable " + deployerKeyEnv + " does not hold a 32-byte hex private key");
        }
        return Credentials.create(key.strip());
    }
}

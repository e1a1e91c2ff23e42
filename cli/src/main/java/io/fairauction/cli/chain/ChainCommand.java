package io.fairauction.cli.chain;

import io.fairauction.chain.Chain;
import io.fairauction.chain.ChainError;
import io.fairauction.chain.ChainException;
import io.fairauction.chain.Deployment;
import io.fairauction.cli.BadInputException;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code auction chain}: the dev chain for operators (start Anvil, deploy, check, measure gas). */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Run and inspect the dev chain: start Anvil, deploy the contracts, check a deployment, report gas.",
        subcommands = {
                ChainStartCommand.class,
                ChainDeployCommand.class,
                ChainStatusCommand.class,
                GasReportCommand.class
        })
public final class ChainCommand implements Runnable {
    /** Where {@code chain start} listens and {@code chain deploy} connects by default. */
    static final String DEFAULT_RPC = "http://127.0.0.1:8545";
    /** Where {@code chain deploy} writes and {@code chain status} reads the deployment. */
    static final Path DEFAULT_DEPLOYMENT = Path.of("devnet-state", "deployment.json");

    /** Failures the user fixes with other arguments: exit 2 with one line. */
    private static final Set<ChainError> INPUT_ERRORS =
            Set.of(ChainError.RPC_FAILED, ChainError.DEPLOYMENT_INVALID, ChainError.ADDRESS_INVALID);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Chain connect(String rpcUrl) {
        try {
            return Chain.connect(rpcUrl);
        } catch (ChainException e) {
            throw asInput(e);
        }
    }

    static Deployment readDeployment(Path file) {
        try {
            return Deployment.read(file);
        } catch (ChainException e) {
            throw asInput(e);
        }
    }

    /** A ChainException the user can fix becomes a bad-input error (exit 2); others stay failures. */
    static RuntimeException asInput(ChainException e) {
        return INPUT_ERRORS.contains(e.code()) ? new BadInputException(e.getMessage()) : e;
    }
}

package io.fairauction.cli.chain;

import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auction chain status}: is the deployment there? */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the chain id, the block number and every deployed address with whether code is there.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every contract of the deployment has code on a chain with its chain id",
                "1:the chain id differs or a contract has no code",
                "2:bad input: one line on stderr names the problem"})
final class ChainStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--deployment", paramLabel = "FILE", description = "Deployment JSON (default: devnet-state/deployment.json).")
    Path file = ChainCommand.DEFAULT_DEPLOYMENT;

    @Option(names = "--rpc", description = "JSON-RPC URL (default: the one the deployment went through).")
    String rpc;

    @Override
    public Integer call() throws IOException {
        Deployment deployment = ChainCommand.readDeployment(file);
        PrintWriter out = spec.commandLine().getOut();
        String url = rpc != null ? rpc : deployment.rpcUrl();
        try (Chain chain = ChainCommand.connect(url)) {
            boolean healthy = chain.chainId() == deployment.chainId();
            out.println("rpc:        " + url);
            out.println("chain id:   " + chain.chainId()
                    + (healthy ? "" : "  (the deployment is for chain " + deployment.chainId() + ")"));
            out.println("block:      " + chain.blockNumber());
            out.println("deployment: " + file.toAbsolutePath() + " (block " + deployment.block() + ")");
            for (Deployment.Named c : deployment.contracts()) {
                String code = chain.web3j().ethGetCode(c.address(), DefaultBlockParameterName.LATEST).send().getCode();
                boolean present = code != null && code.length() > 2;
                healthy &= present;
                out.printf("  %-16s %s  %s%n", c.name(), c.address(), present ? "code" : "NO CODE");
            }
            out.println(healthy ? "status: ok" : "status: BROKEN");
            out.flush();
            return healthy ? 0 : 1;
        }
    }
}

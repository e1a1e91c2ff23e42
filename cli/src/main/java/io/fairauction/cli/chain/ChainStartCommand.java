package io.fairauction.cli.chain;

import io.fairauction.chain.Anvil;
import io.fairauction.cli.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auction chain start}: runs Anvil in the foreground until Ctrl-C. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a local Anvil dev chain (installed from npm on first use) and keep it running until Ctrl-C.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "1:Anvil could not be installed or started",
                "2:bad input: one line on stderr names the problem"})
final class ChainStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8545", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--chain-id", defaultValue = "31337", description = "Chain id (default: ${DEFAULT-VALUE}).")
    long chainId;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Load the chain from FILE when it exists and save it there on exit, so a deployment survives restarts.")
    Path state;

    @Override
    public Integer call() throws InterruptedException {
        Anvil.Options options;
        try {
            options = new Anvil.Options(port, chainId, Optional.ofNullable(state), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("starting Anvil " + Anvil.VERSION + " ...");
        out.flush();
        Anvil anvil = Anvil.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(anvil::close, "anvil-stop"));
        out.println("rpc:      " + anvil.rpcUrl());
        out.println("chain id: " + anvil.chainId());
        out.println("log:      " + anvil.log());
        options.state().ifPresent(s -> out.println("state:    " + s + " (saved on exit)"));
        out.println("next:     ./auction chain deploy --rpc " + anvil.rpcUrl());
        out.println("running; Ctrl-C stops it");
        out.flush();
        int code = anvil.waitFor();
        out.println("anvil exited with code " + code);
        return code == 0 ? 0 : 1;
    }
}

package io.fairauction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code auction} command: entry point of every subcommand. */
@Command(name = "auction",
        mixinStandardHelpOptions = true,
        versionProvider = AuctionCli.Version.class,
        description = "fair-auction: a fair combinatorial intent auction for Ethereum.",
        subcommands = {
                MechanismsCommand.class,
                ReplayCommand.class,
                ExportLpCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                io.fairauction.cli.chain.ChainCommand.class,
                DevnetCommand.class,
                ServiceCommand.class,
                TopicsCommand.class,
                IntentCommand.class,
                CommandLine.HelpCommand.class
        })
public final class AuctionCli implements Runnable {

    /** Exit code for bad input (a file, an argument): one line on stderr names the problem. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AuctionCli());
        cl.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? EXIT_BAD_INPUT : 1);
        // Bad arguments: one line naming the problem and where to get help, not the whole usage text.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("auction: " + e.getMessage() + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException) {
                cmd.getErr().println("auction: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // `auction service` keeps serving on the service's threads; every other command ends here.
        if (!(args.length > 0 && args[0].equals("service") && code == 0)) {
            System.exit(code);
        }
    }

    /** Version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AuctionCli.class.getPackage().getImplementationVersion();
            return new String[] {"auction " + (v == null ? "development build" : v)};
        }
    }
}

package io.fairauction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code auction} command: entry point of every subcommand. */
@Command(name = "auction",
        mixinStandardHelpOptions = true,
        versionProvider = AuctionCli.Version.class,
        description = "fair-auction: a fair combinatorial intent auction for Ethereum.")
public final class AuctionCli implements Runnable {

    /**
     * Every subcommand in help order. Picocli reads a subcommand's annotations (and everything they reference)
     * when it is added, about a third of a second for all of them on a cold JVM, so {@link #commandLine(String...)}
     * adds only the one a command line names.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("mechanisms", MechanismsCommand::new);
        SUBCOMMANDS.put("replay", ReplayCommand::new);
        SUBCOMMANDS.put("export-lp", ExportLpCommand::new);
        SUBCOMMANDS.put("generate", GenerateCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("bench-intake", BenchIntakeCommand::new);
        SUBCOMMANDS.put("chain", io.fairauction.cli.chain.ChainCommand::new);
        SUBCOMMANDS.put("devnet", DevnetCommand::new);
        SUBCOMMANDS.put("bench-round", BenchRoundCommand::new);
        SUBCOMMANDS.put("service", ServiceCommand::new);
        SUBCOMMANDS.put("topics", TopicsCommand::new);
        SUBCOMMANDS.put("intent", IntentCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    /** Exit code for bad input (a file, an argument): one line on stderr names the problem. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command, every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command for these arguments: only the subcommand they name, or all when they name none (or help). */
    static CommandLine commandLine(String... argv) {
        CommandLine cl = new CommandLine(new AuctionCli());
        Supplier<Object> only = argv.length > 0 && !argv[0].equals("help") ? SUBCOMMANDS.get(argv[0]) : null;
        if (only != null) {
            cl.addSubcommand(only.get());
        } else {
            SUBCOMMANDS.values().forEach(s -> cl.addSubcommand(s.get()));
        }
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
        int code = commandLine(args).execute(args);
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

package io.fairauction.cli.chain;

import io.fairauction.chain.Anvil;
import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.GasReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auction chain gas-report}: measures settlement gas on a fresh Anvil and writes docs/gas.md. */
@Command(name = "gas-report", mixinStandardHelpOptions = true,
        description = "Start a fresh Anvil, deploy, settle batches of 1, 2, 5 and 10 trades (direct match and "
                + "pool-routed), print gas per settlement and write it, beside CoW's published figures, to a Markdown file.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:measured and written", "1:Anvil or a settlement failed"})
final class GasReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file to write (default: docs/gas.md).")
    Path out = Path.of("docs", "gas.md");

    @Option(names = "--no-write", description = "Print the table only.")
    boolean noWrite;

    @Override
    public Integer call() throws IOException {
        PrintWriter print = spec.commandLine().getOut();
        print.println("starting a fresh Anvil " + Anvil.VERSION + " and deploying ...");
        print.flush();
        GasReport.Report report;
        try (Anvil anvil = Anvil.start(); Chain chain = Chain.connect(anvil.rpcUrl())) {
            Deployment deployment = new Deployer(chain, DevAccounts.account(DevAccounts.DEPLOYER))
                    .deploy(DevAccounts.account(DevAccounts.SUBMITTER).getAddress());
            report = new GasReport(chain, deployment, DevAccounts.account(DevAccounts.DEPLOYER),
                    DevAccounts.account(DevAccounts.SUBMITTER)).measure();
        }
        print.println(GasMarkdown.table(report));
        print.println(GasMarkdown.targets(report));
        if (!noWrite) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, GasMarkdown.document(report), StandardCharsets.UTF_8);
            print.println("written: " + out.toAbsolutePath());
        }
        print.flush();
        return 0;
    }
}

package io.fairauction.cli;

import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.Mechanisms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code auction mechanisms}: one line per mechanism. */
@Command(name = "mechanisms", mixinStandardHelpOptions = true, description = "List the mechanisms, one line each.")
final class MechanismsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        int width = Mechanisms.all().stream().mapToInt(m -> m.name().length()).max().orElse(0);
        for (Mechanism m : Mechanisms.all()) {
            String tag = m.name().equals(Mechanisms.DEFAULT) ? " (default)" : "";
            spec.commandLine().getOut().printf("%-" + width + "s  %s%s%n", m.name(), m.summary(), tag);
        }
    }
}

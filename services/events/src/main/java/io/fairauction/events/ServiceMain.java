package io.fairauction.events;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every service's {@code main} does before starting Micronaut: {@code --config FILE} names a YAML or properties
 * file (Micronaut's {@code micronaut.config.files}). Each service runs in a Micronaut environment named after it
 * ({@code collector}, {@code gateway}, {@code auctioneer}), and its beans require that environment, so the three can
 * share one classpath (the {@code auction} tool) without starting each other.
 */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void configure(String service, String[] args) {
        // One logging set-up for every service (JSON lines), whatever else on the classpath brings a logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "fair-auction-logback.xml");
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String file = null;
            if (a.equals("--config") && i + 1 < args.length) {
                file = args[++i];
            } else if (a.startsWith("--config=")) {
                file = a.substring("--config=".length());
            } else {
                System.err.println(service + ": unknown option " + a + " (usage: --config FILE)");
                System.exit(2);
            }
            if (!Files.isReadable(Path.of(file))) {
                System.err.println(service + ": cannot read config file " + file);
                System.exit(2);
            }
            System.setProperty("micronaut.config.files", Path.of(file).toAbsolutePath().toString());
        }
    }
}

package io.fairauction.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code auction service collector|gateway|auctioneer --config FILE}: runs one service in this process. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Runs one service until stopped: collector (intent-collector), gateway (solver-gateway) or auctioneer.",
                "The YAML config names the Kafka cluster, the chain and the deployment file (see docs/services.md)."})
public final class ServiceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "collector, gateway or auctioneer")
    String service;

    @Option(names = "--config", paramLabel = "FILE", description = "The service's YAML configuration.")
    Path config;

    @Override
    public Integer call() throws Exception {
        String main = switch (service) {
            case "collector" -> "io.fairauction.collector.CollectorApplication";
            case "gateway" -> "io.fairauction.gateway.GatewayApplication";
            case "auctioneer" -> "io.fairauction.auctioneer.AuctioneerApplication";
            default -> throw new BadInputException("service must be collector, gateway or auctioneer, got " + service);
        };
        if (config != null && !Files.isReadable(config)) {
            throw new BadInputException("--config " + config + ": no such readable file");
        }
        String[] args = config == null ? new String[0] : new String[] {"--config", config.toString()};
        Class.forName(main).getMethod("main", String[].class).invoke(null, (Object) args);
        // Micronaut serves on non-daemon threads until the process is stopped.
        return 0;
    }
}

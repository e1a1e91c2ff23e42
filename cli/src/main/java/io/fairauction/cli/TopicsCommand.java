package io.fairauction.cli;

import io.fairauction.events.Topics;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auction topics}: creates the services' topics on a Kafka cluster (those that exist are left alone). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates the topics of the services (partitions and configs as in docs/services.md) on a Kafka cluster.")
public final class TopicsCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "bootstrap.servers of the cluster.")
    String kafka;

    @Option(names = "--replication", defaultValue = "1", description = "Replicas per partition (default: ${DEFAULT-VALUE}; 3 in production).")
    short replication;

    @Override
    public Integer call() {
        if (replication < 1) {
            throw new BadInputException("--replication must be at least 1, got " + replication);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            Topics.createAll(admin, replication);
        }
        for (Topics.Spec s : Topics.ALL) {
            System.out.printf("%-18s %d partitions %s%n", s.name(), s.partitions(), s.configs().isEmpty() ? "" : s.configs());
        }
        return 0;
    }
}

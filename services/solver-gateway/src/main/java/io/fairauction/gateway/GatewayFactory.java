package io.fairauction.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Gateway} from configuration and starts it with the application. Keys (defaults in brackets):
 * <pre>
 * fair-auction.kafka.bootstrap-servers          (required)
 * fair-auction.chain.deployment-file            the relayer address is read from it (its "relayer" field)
 * fair-auction.gateway.relayer                  or given directly (wins over the deployment file)
 * fair-auction.gateway.solvers                  list of {id, endpoint, secret, payout} (required, at least one)
 * fair-auction.gateway.max-bids-per-solver      [20]
 * fair-auction.gateway.max-response-bytes       [1048576]
 * fair-auction.gateway.deadline-margin-ms       [50]
 * fair-auction.gateway.connect-timeout-ms       [1000]
 * fair-auction.gateway.max-in-flight            [4]     auctions handled at once
 * fair-auction.gateway.notify-timeout-ms        [2000]
 * fair-auction.gateway.max-notify-in-flight     [256]
 * fair-auction.gateway.group                    [solver-gateway]
 * fair-auction.gateway.notify-group             [solver-gateway-notify]
 * fair-auction.gateway.instance                 [gateway-PID]  Kafka client id prefix
 * </pre>
 */
@Factory
@Requires(env = "gateway")
public class GatewayFactory {
    static final String PREFIX = "fair-auction.gateway.";

    @Context
    @Bean(preDestroy = "close")
    public Gateway gateway(List<SolverProperties> solverEntries, Environment env, MeterRegistry registry) {
        return new Gateway(config(solverEntries, env), required(env, "fair-auction.kafka.bootstrap-servers"),
                new GatewayMetrics(registry), env.getProperty(PREFIX + "instance", String.class)
                .orElse("gateway-" + ProcessHandle.current().pid())).start();
    }

    /** The validated configuration; {@link GatewayConfig.InvalidConfigException} lists every problem. */
    static GatewayConfig config(List<SolverProperties> solverEntries, Environment env) {
        List<String> problems = new ArrayList<>();
        List<SolverEndpoint> solvers = new ArrayList<>();
        List<SolverProperties> sorted = new ArrayList<>(solverEntries);
        sorted.sort(Comparator.comparingInt(SolverProperties::index));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SolverProperties p : sorted) {
            if (p.getId() != null && !ids.add(p.getId())) {
                problems.add("fair-auction.gateway.solvers[" + p.index() + "].id: \"" + p.getId()
                        + "\" is used by an earlier solver; ids must be unique");
            }
            try {
                solvers.add(GatewayConfig.solver(p.index(), p.getId(), p.getEndpoint(), p.getSecret(), p.getPayout()));
            } catch (GatewayConfig.InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        int maxBids = integer(env, "max-bids-per-solver", GatewayConfig.DEFAULT_MAX_BIDS_PER_SOLVER, problems);
        int maxBytes = integer(env, "max-response-bytes", GatewayConfig.DEFAULT_MAX_RESPONSE_BYTES, problems);
        long margin = integer(env, "deadline-margin-ms", GatewayConfig.DEFAULT_DEADLINE_MARGIN_MILLIS, problems);
        long connect = integer(env, "connect-timeout-ms", GatewayConfig.DEFAULT_CONNECT_TIMEOUT_MILLIS, problems);
        int inFlight = integer(env, "max-in-flight", GatewayConfig.DEFAULT_MAX_IN_FLIGHT, problems);
        long notifyTimeout = integer(env, "notify-timeout-ms", GatewayConfig.DEFAULT_NOTIFY_TIMEOUT_MILLIS, problems);
        int notifyInFlight = integer(env, "max-notify-in-flight", GatewayConfig.DEFAULT_MAX_NOTIFY_IN_FLIGHT, problems);
        String relayer = relayer(env, problems);
        String group = env.getProperty(PREFIX + "group", String.class).orElse(GatewayConfig.DEFAULT_GROUP);
        String notifyGroup = env.getProperty(PREFIX + "notify-group", String.class).orElse(GatewayConfig.DEFAULT_NOTIFY_GROUP);
        try {
            GatewayConfig config = new GatewayConfig(solvers, maxBids, maxBytes, margin, connect, inFlight, notifyTimeout,
                    notifyInFlight, relayer, group, notifyGroup);
            if (!problems.isEmpty()) {
                throw new GatewayConfig.InvalidConfigException(problems);
            }
            return config;
        } catch (GatewayConfig.InvalidConfigException e) {
            // Entry problems first, then the whole configuration's (e.g. "no solver configured" when all entries failed).
            List<String> all = new ArrayList<>(problems);
            // Duplicate ids were checked above against the entries' own indexes.
            e.problems().stream().filter(p -> !all.contains(p) && !p.contains("is used by an earlier solver")
                    && !(p.startsWith("fair-auction.gateway.solvers:") && !sorted.isEmpty())).forEach(all::add);
            throw new GatewayConfig.InvalidConfigException(all);
        }
    }

    /** The relayer: {@code fair-auction.gateway.relayer}, else the deployment file's {@code relayer} field. */
    private static String relayer(Environment env, List<String> problems) {
        Optional<String> direct = env.getProperty(PREFIX + "relayer", String.class);
        if (direct.isPresent()) {
            return direct.get();
        }
        Optional<String> file = env.getProperty("fair-auction.chain.deployment-file", String.class);
        if (file.isEmpty()) {
            problems.add("relayer: unknown; set fair-auction.chain.deployment-file (its \"relayer\" is used) "
                    + "or fair-auction.gateway.relayer");
            return null;
        }
        try {
            JsonNode d = new ObjectMapper().readTree(Files.readAllBytes(Path.of(file.get())));
            JsonNode r = d == null ? null : d.get("relayer");
            if (r == null || !r.isTextual()) {
                problems.add("fair-auction.chain.deployment-file: " + file.get() + " has no \"relayer\" address");
                return null;
            }
            return r.asText();
        } catch (IOException e) {
            problems.add("fair-auction.chain.deployment-file: cannot read " + file.get() + ": " + e.getMessage());
            return null;
        }
    }

    private static int integer(Environment env, String key, long fallback, List<String> problems) {
        Optional<String> raw = env.getProperty(PREFIX + key, String.class);
        if (raw.isEmpty()) {
            return (int) fallback;
        }
        try {
            return Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            problems.add(PREFIX + key + ": \"" + raw.get() + "\" is not an integer");
            return (int) fallback;
        }
    }

    private static String required(Environment env, String key) {
        return env.getProperty(key, String.class).filter(s -> !s.isBlank()).orElseThrow(() ->
                new GatewayConfig.InvalidConfigException(List.of(key + ": missing (the Kafka bootstrap servers, host:port)")));
    }
}

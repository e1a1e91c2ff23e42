package io.fairauction.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the gateway needs to know, validated once at start: a gateway with a bad solver entry refuses to start
 * with a message naming the entry and the field, rather than failing an auction later.
 *
 * @param solvers              the solvers, in configuration order (the order their results are logged in)
 * @param maxBidsPerSolver     bids of one answer beyond this many are refused {@code over-cap}
 * @param maxResponseBytes     an answer body larger than this is refused {@code too-large} (at most this + 1 bytes are read)
 * @param deadlineMarginMillis the gateway stops waiting for answers this long before the auction's deadline, so
 *                             its bids are published before the deadline
 * @param connectTimeoutMillis TCP connect timeout towards solvers
 * @param maxInFlight          auctions handled at the same time by one gateway (auctions overlap only when the
 *                             auctioneer opens the next one before the previous deadline)
 * @param notifyTimeoutMillis  how long a {@code /notify} call may take
 * @param maxNotifyInFlight    notifications in flight at once; above that, rejection notices are dropped (and counted)
 * @param relayer              the deployment's relayer: no interaction may call it (nor the auction's settlement)
 * @param group                consumer group of the auction consumers (gateways of one group share the auctions)
 * @param notifyGroup          consumer group of the outcome notifiers (each outcome is notified once per group)
 */
public record GatewayConfig(List<SolverEndpoint> solvers, int maxBidsPerSolver, int maxResponseBytes,
                            long deadlineMarginMillis, long connectTimeoutMillis, int maxInFlight,
                            long notifyTimeoutMillis, int maxNotifyInFlight, String relayer, String group,
                            String notifyGroup) {
    public static final int DEFAULT_MAX_BIDS_PER_SOLVER = 20;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
    public static final long DEFAULT_DEADLINE_MARGIN_MILLIS = 50;
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 1_000;
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    public static final long DEFAULT_NOTIFY_TIMEOUT_MILLIS = 2_000;
    public static final int DEFAULT_MAX_NOTIFY_IN_FLIGHT = 256;
    public static final String DEFAULT_GROUP = "solver-gateway";
    public static final String DEFAULT_NOTIFY_GROUP = "solver-gateway-notify";

    /** Solver ids appear in bid ids ({@code id/bidId}) and metric tags: no slash, no spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public GatewayConfig {
        solvers = List.copyOf(solvers);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(notifyGroup, "notifyGroup");
        List<String> errors = problems(solvers, maxBidsPerSolver, maxResponseBytes, deadlineMarginMillis,
                connectTimeoutMillis, maxInFlight, notifyTimeoutMillis, maxNotifyInFlight, relayer);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
    }

    /** The defaults for everything but the solvers and the relayer. */
    public static GatewayConfig of(List<SolverEndpoint> solvers, String relayer) {
        return new GatewayConfig(solvers, DEFAULT_MAX_BIDS_PER_SOLVER, DEFAULT_MAX_RESPONSE_BYTES,
                DEFAULT_DEADLINE_MARGIN_MILLIS, DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_NOTIFY_TIMEOUT_MILLIS, DEFAULT_MAX_NOTIFY_IN_FLIGHT, relayer, DEFAULT_GROUP, DEFAULT_NOTIFY_GROUP);
    }

    public GatewayConfig withGroups(String group, String notifyGroup) {
        return new GatewayConfig(solvers, maxBidsPerSolver, maxResponseBytes, deadlineMarginMillis,
                connectTimeoutMillis, maxInFlight, notifyTimeoutMillis, maxNotifyInFlight, relayer, group, notifyGroup);
    }

    public GatewayConfig withLimits(int maxBidsPerSolver, int maxResponseBytes) {
        return new GatewayConfig(solvers, maxBidsPerSolver, maxResponseBytes, deadlineMarginMillis,
                connectTimeoutMillis, maxInFlight, notifyTimeoutMillis, maxNotifyInFlight, relayer, group, notifyGroup);
    }

    public GatewayConfig withDeadlineMargin(long deadlineMarginMillis) {
        return new GatewayConfig(solvers, maxBidsPerSolver, maxResponseBytes, deadlineMarginMillis,
                connectTimeoutMillis, maxInFlight, notifyTimeoutMillis, maxNotifyInFlight, relayer, group, notifyGroup);
    }

    /** The solver with this id, if this gateway serves it. */
    public java.util.Optional<SolverEndpoint> solver(String id) {
        return solvers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Builds a solver entry from raw configuration values, checking each: {@link InvalidConfigException} names the
     * entry ({@code solvers[i]}) and the field.
     */
    public static SolverEndpoint solver(int index, String id, String endpoint, String secret, String payout) {
        List<String> errors = new ArrayList<>();
        String at = "fair-auction.gateway.solvers[" + index + "]";
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(at + ".id: " + (id == null ? "missing" : "\"" + id + "\" is not 1-64 of [A-Za-z0-9._-] starting with a letter or digit"));
        }
        URI uri = null;
        if (endpoint == null || endpoint.isBlank()) {
            errors.add(at + ".endpoint: missing");
        } else {
            try {
                uri = new URI(endpoint.trim());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    errors.add(at + ".endpoint: \"" + endpoint + "\" is not an http(s) base URL with a host (and no query)");
                }
            } catch (URISyntaxException e) {
                errors.add(at + ".endpoint: \"" + endpoint + "\" is not a URL: " + e.getReason());
            }
        }
        if (secret == null || secret.isEmpty()) {
            errors.add(at + ".secret: missing or empty");
        }
        if (payout == null || !ADDRESS.matcher(payout).matches()) {
            errors.add(at + ".payout: " + (payout == null ? "missing" : "\"" + payout + "\" is not a 20-byte 0x address"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new SolverEndpoint(id, uri, secret, payout);
    }

    private static List<String> problems(List<SolverEndpoint> solvers, int maxBidsPerSolver, int maxResponseBytes,
                                         long deadlineMarginMillis, long connectTimeoutMillis, int maxInFlight,
                                         long notifyTimeoutMillis, int maxNotifyInFlight, String relayer) {
        List<String> errors = new ArrayList<>();
        if (solvers.isEmpty()) {
            errors.add("fair-auction.gateway.solvers: no solver configured (a list of {id, endpoint, secret, payout})");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < solvers.size(); i++) {
            SolverEndpoint s = solvers.get(i);
            if (!ids.add(s.id())) {
                errors.add("fair-auction.gateway.solvers[" + i + "].id: \"" + s.id() + "\" is used by an earlier solver; ids must be unique");
            }
        }
        if (maxBidsPerSolver < 1) {
            errors.add("fair-auction.gateway.max-bids-per-solver: must be at least 1, got " + maxBidsPerSolver);
        }
        if (maxResponseBytes < 1) {
            errors.add("fair-auction.gateway.max-response-bytes: must be at least 1, got " + maxResponseBytes);
        }
        if (deadlineMarginMillis < 0) {
            errors.add("fair-auction.gateway.deadline-margin-ms: must not be negative, got " + deadlineMarginMillis);
        }
        if (connectTimeoutMillis < 1) {
            errors.add("fair-auction.gateway.connect-timeout-ms: must be at least 1, got " + connectTimeoutMillis);
        }
        if (maxInFlight < 1) {
            errors.add("fair-auction.gateway.max-in-flight: must be at least 1, got " + maxInFlight);
        }
        if (notifyTimeoutMillis < 1) {
            errors.add("fair-auction.gateway.notify-timeout-ms: must be at least 1, got " + notifyTimeoutMillis);
        }
        if (maxNotifyInFlight < 1) {
            errors.add("fair-auction.gateway.max-notify-in-flight: must be at least 1, got " + maxNotifyInFlight);
        }
        if (relayer == null || !ADDRESS.matcher(relayer).matches()) {
            errors.add("relayer: " + (relayer == null ? "unknown (set fair-auction.chain.deployment-file or fair-auction.gateway.relayer)"
                    : "\"" + relayer + "\" is not a 20-byte 0x address"));
        }
        return errors;
    }

    /** A configuration the gateway refuses to start with; the message lists every problem, one per line. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        public InvalidConfigException(List<String> problems) {
            super("invalid solver-gateway configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}

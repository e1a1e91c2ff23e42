package io.fairauction.gateway;

import java.net.URI;
import java.util.Objects;

/**
 * A solver this gateway serves, from configuration.
 *
 * @param id       the solver's id: names it in bids ({@code id + "/" + bidId}), headers and metrics
 * @param endpoint the solver's HTTP base URL; the gateway calls {@code {endpoint}/solve} and {@code {endpoint}/notify}
 * @param secret   the HMAC-SHA256 key shared with the solver (requests and answers are signed with it)
 * @param payout   the solver's payout address (0x + 40 hex digits)
 */
public record SolverEndpoint(String id, URI endpoint, String secret, String payout) {
    public SolverEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(payout, "payout");
    }

    public URI solveUri() {
        return resolve("solve");
    }

    public URI notifyUri() {
        return resolve("notify");
    }

    private URI resolve(String path) {
        String base = endpoint.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "SolverEndpoint[id=" + id + ", endpoint=" + endpoint + ", payout=" + payout + "]";
    }
}

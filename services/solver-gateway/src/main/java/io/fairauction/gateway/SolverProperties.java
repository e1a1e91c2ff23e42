package io.fairauction.gateway;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;

/**
 * One entry of {@code fair-auction.gateway.solvers} (a YAML list), bound as is; {@link GatewayFactory} checks it.
 * <pre>
 * fair-auction:
 *   gateway:
 *     solvers:
 *       - id: amm-router
 *         endpoint: http://127.0.0.1:9101
 *         secret: change-me
 *         payout: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 * </pre>
 */
@Requires(env = "gateway")
@EachProperty(value = "fair-auction.gateway.solvers", list = true)
public final class SolverProperties implements Ordered {
    private final int index;
    private String id;
    private String endpoint;
    private String secret;
    private String payout;

    public SolverProperties(@Parameter Integer index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    @Override
    public int getOrder() {
        return index;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getPayout() {
        return payout;
    }

    public void setPayout(String payout) {
        this.payout = payout;
    }
}

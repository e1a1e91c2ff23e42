package io.fairauction.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** {@code /health}: UP while both consumer loops run, with the solvers served and the auction partitions owned. */
@Singleton
@Requires(env = "gateway")
public class GatewayHealth implements HealthIndicator {
    private final Gateway gateway;

    public GatewayHealth(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("solvers", gateway.config().solvers().stream().map(SolverEndpoint::id).toList());
        details.put("auctionPartitions", gateway.auctionPartitions().stream().map(Object::toString).sorted().toList());
        return Publishers.just(HealthResult.builder("solver-gateway", gateway.isRunning() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}

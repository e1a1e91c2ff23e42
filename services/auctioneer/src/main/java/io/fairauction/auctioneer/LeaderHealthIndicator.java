package io.fairauction.auctioneer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/** Health detail {@code auctioneer}: whether this instance leads and how many rounds it ran. */
@Singleton
@Requires(env = "auctioneer")
public class LeaderHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final AuctioneerService service;

    public LeaderHealthIndicator(AuctioneerService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        return Map.of("leading", service.runtime().isLeading(), "rounds", service.runtime().roundsRun());
    }

    @Override
    protected String getName() {
        return "auctioneer";
    }
}

package io.fairauction.collector;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/** Health of the intent view: DOWN when its consumer stopped; details say whether it has caught up. */
@Singleton
@Requires(env = "collector")
public class ViewHealth implements HealthIndicator {
    private final ViewConsumer consumer;

    public ViewHealth(ViewConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthStatus status = consumer.isRunning() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("intent-view", status)
                .details(Map.of("caughtUp", consumer.caughtUp(), "intents", consumer.view().intentCount()))
                .build());
    }
}

package io.fairauction.collector;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Runs the intent-collector: {@code java -jar fair-auction-intent-collector.jar [--config FILE]}. The OpenAPI
 * document is served at {@code /swagger/fair-auction-intent-collector-1.0.yml}.
 */
@OpenAPIDefinition(info = @Info(title = "fair-auction-intent-collector", version = "1.0",
        description = "Intake of signed intents and cancellations, intent status, tokens and auction results."))
public final class CollectorApplication {
    private CollectorApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("collector", args);
        Micronaut.build(new String[0]).environments("collector").mainClass(CollectorApplication.class).start();
    }
}

package io.fairauction.gateway;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;

/** Runs the solver-gateway: {@code java -jar fair-auction-solver-gateway.jar [--config FILE]}. */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("gateway", args);
        Micronaut.build(new String[0]).environments("gateway").mainClass(GatewayApplication.class).start();
    }
}

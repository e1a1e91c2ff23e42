package io.fairauction.gateway;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;

/**
 * Runs the solver-gateway: {@code java -jar fair-auction-solver-gateway.jar [--config FILE]}. A configuration the
 * gateway cannot run with stops the start (exit code 1) with one ERROR log line listing every problem
 * ({@code invalid solver-gateway configuration: ...}).
 */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("gateway", args);
        Micronaut.build(new String[0]).banner(false).environments("gateway").mainClass(GatewayApplication.class).start();
    }
}

package io.fairauction.gateway;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;

/**
 * Runs the solver-gateway: {@code java -jar fair-auction-solver-gateway.jar [--config FILE]}. A configuration the
 * gateway cannot run with stops it at once with every problem listed (exit code 2).
 */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("gateway", args);
        try {
            Micronaut.build(new String[0]).environments("gateway").mainClass(GatewayApplication.class).start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof GatewayConfig.InvalidConfigException invalid) {
                    System.err.println("gateway: " + invalid.getMessage());
                    System.exit(2);
                }
            }
            throw e;
        }
    }
}

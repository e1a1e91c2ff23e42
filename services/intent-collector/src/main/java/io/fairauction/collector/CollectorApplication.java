package io.fairauction.collector;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;

/** Runs the intent-collector: {@code java -jar fair-auction-intent-collector.jar [--config FILE]}. */
public final class CollectorApplication {
    private CollectorApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("collector", args);
        Micronaut.build(new String[0]).environments("collector").mainClass(CollectorApplication.class).start();
    }
}

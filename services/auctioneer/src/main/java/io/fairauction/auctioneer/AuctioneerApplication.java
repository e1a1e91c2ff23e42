package io.fairauction.auctioneer;

import io.fairauction.events.ServiceMain;
import io.micronaut.runtime.Micronaut;

/** Runs the auctioneer: {@code java -jar fair-auction-auctioneer.jar [--config FILE]}. */
public final class AuctioneerApplication {
    private AuctioneerApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.configure("auctioneer", args);
        Micronaut.build(new String[0]).environments("auctioneer").mainClass(AuctioneerApplication.class).start();
    }
}

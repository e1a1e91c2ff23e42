package io.fairauction.events;

import java.util.Objects;

/** On {@link Topics#INTENTS}: the owner's signed cancellation of an intent, checked by the collector. */
public record CancellationRequested(String uid, String owner, String signature, long receivedAtMillis) implements Event {
    public CancellationRequested {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String key() {
        return uid;
    }
}

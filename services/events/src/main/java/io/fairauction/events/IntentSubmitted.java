package io.fairauction.events;

import io.fairauction.core.model.Intent;
import java.util.Objects;

/** On {@link Topics#INTENTS}: an intent the collector accepted (signature, limits, balance checked). */
public record IntentSubmitted(Intent intent, long receivedAtMillis) implements Event {
    public IntentSubmitted {
        Objects.requireNonNull(intent, "intent");
    }

    @Override
    public String key() {
        return intent.uid();
    }
}

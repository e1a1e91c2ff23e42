package io.fairauction.core.result;

import java.util.Objects;

/**
 * A bid that took no part in winner determination.
 *
 * @param intent the intent the reason is about, or {@code null} when it concerns the whole bid
 */
public record Filtered(FilterCode code, String intent, String detail) {
    public Filtered {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}

package io.fairauction.collector;

import java.util.Objects;

/**
 * Why a request was refused: the JSON error body {@code {"code","message","field"}} and its HTTP status.
 *
 * @param field the request field at fault, null when none is
 */
public record Rejection(Code code, String message, String field) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public int status() {
        return code.status();
    }

    /** Thrown by the checks; carries the rejection. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        public Refused(Code code, String message, String field) {
            super(code.wire() + ": " + message, null, false, false);
            this.rejection = new Rejection(code, message, field);
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    public static Refused refuse(Code code, String message, String field) {
        return new Refused(code, message, field);
    }
}

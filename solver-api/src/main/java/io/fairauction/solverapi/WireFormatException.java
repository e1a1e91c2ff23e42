package io.fairauction.solverapi;

/** A message that does not follow the wire format; {@link #field()} names where (a JSON path, empty for the whole body). */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public WireFormatException(String field, String message) {
        super(field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

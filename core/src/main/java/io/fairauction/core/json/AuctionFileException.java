package io.fairauction.core.json;

/** An auction file that cannot be used: it does not parse, or a field is missing or malformed. */
public final class AuctionFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    public AuctionFileException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** Where in the file, e.g. {@code intents[2].sellAmount}; empty for the document as a whole. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}

package io.fairauction.core.model;

/** Which amount of an intent is exact: a sell intent sells exactly its sell amount, a buy intent buys exactly its buy amount. */
public enum Side {
    SELL("sell"),
    BUY("buy");

    private final String wire;

    Side(String wire) {
        this.wire = wire;
    }

    /** The name used in files and on the wire. */
    public String wire() {
        return wire;
    }

    public static Side fromWire(String s) {
        for (Side side : values()) {
            if (side.wire.equals(s)) {
                return side;
            }
        }
        throw new IllegalArgumentException("side must be \"sell\" or \"buy\", got \"" + s + "\"");
    }
}

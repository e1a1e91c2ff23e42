package io.fairauction.core.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A token of the auction.
 *
 * @param address     0x-prefixed hex, as declared in the auction
 * @param decimals    number of decimals (display only; every amount is in base units)
 * @param symbol      display symbol, may be empty
 * @param nativePrice wei of the native token that 10^18 base units of this token are worth (CoW convention)
 */
public record Token(String address, int decimals, String symbol, BigInteger nativePrice) {
    public Token {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(nativePrice, "nativePrice");
        if (nativePrice.signum() < 0) {
            throw new IllegalArgumentException("nativePrice must not be negative");
        }
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be in 0..255");
        }
    }

    /** The symbol when there is one, else the address. */
    public String label() {
        return symbol.isEmpty() ? address : symbol;
    }
}

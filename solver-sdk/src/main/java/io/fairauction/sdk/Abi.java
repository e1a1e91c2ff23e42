package io.fairauction.sdk;

import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bit of the Solidity ABI interactions need, by hand: a 4-byte selector followed by 32-byte words
 * (static arguments only). Selectors are the first four bytes of the keccak-256 of the signature; the ones the
 * SDK uses are constants here, checked against an ABI encoder in the tests.
 */
public final class Abi {
    /** {@code transfer(address,uint256)}. */
    public static final String TRANSFER = "a9059cbb";
    /** {@code approve(address,uint256)}. */
    public static final String APPROVE = "095ea7b3";
    /** {@code transferFrom(address,address,uint256)}. */
    public static final String TRANSFER_FROM = "23b872dd";
    /** The dev pools' {@code swap(uint256 amount0Out, uint256 amount1Out, address to)} (no callback data). */
    public static final String PAIR_SWAP = "6d9a640a";

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern SELECTOR = Pattern.compile("[0-9a-fA-F]{8}");

    private Abi() {
    }

    /** {@code 0x} + selector + the words, each argument a {@link #word(BigInteger)} or {@link #word(String)}. */
    public static String call(String selector, String... words) {
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("selector must be 8 hex digits without 0x, got " + selector);
        }
        StringBuilder sb = new StringBuilder(2 + 8 + 64 * words.length).append("0x").append(selector.toLowerCase(Locale.ROOT));
        for (String w : words) {
            if (w.length() != 64) {
                throw new IllegalArgumentException("an ABI word is 64 hex digits, got " + w.length());
            }
            sb.append(w);
        }
        return sb.toString();
    }

    /** A uint256 as one word: 64 hex digits, big-endian, zero-padded. */
    public static String word(BigInteger value) {
        if (!U256.inRange(value)) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** An address as one word: 24 zero digits and the 40 digits of the address, lower case. */
    public static String word(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not a 20-byte 0x address: " + address);
        }
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    /** The bytes of 0x-prefixed hex. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }
}

package io.fairauction.chain;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.U256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** 32-byte ABI words for EIP-712 encoding, and checks of the hex that comes in from outside. */
final class Words {

    private Words() {
    }

    static byte[] uint(BigInteger value) {
        if (!U256.inRange(value)) {
            throw new ChainException(ChainError.AMOUNT_OUT_OF_RANGE, value + " is outside 0..2^256-1");
        }
        return Numeric.toBytesPadded(value, 32);
    }

    /** The address as an ABI word, or a {@link ChainError#ADDRESS_INVALID} naming {@code what}. */
    static byte[] address(String address, String what) {
        byte[] word = new byte[32];
        // Decoded straight into the word's last 20 bytes: a BigInteger round trip cost more than the hashing.
        byte[] bytes = Numeric.hexStringToByteArray(requireAddress(address, what).substring(2));
        System.arraycopy(bytes, 0, word, 12, 20);
        return word;
    }

    static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The address in lower case, or a {@link ChainError#ADDRESS_INVALID} naming {@code what}. */
    static String requireAddress(String address, String what) {
        if (address == null || address.length() != 42 || address.charAt(1) != 'x' || !isWholeBytesHex(address)) {
            throw new ChainException(ChainError.ADDRESS_INVALID, what + " is not an address (0x and 40 hex digits): " + address);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    /** Bytes of 0x-prefixed hex, or {@code error} naming {@code what}. */
    static byte[] requireHex(String hex, ChainError error, String what) {
        if (!isWholeBytesHex(hex)) {
            throw new ChainException(error, what + " is not 0x-prefixed hex with whole bytes");
        }
        return Numeric.hexStringToByteArray(hex.substring(2)); // web3j strips "0x" but not "0X"
    }

    /** {@code 0[xX]([0-9a-fA-F]{2})*}, without a regex: it runs on every intent the collector takes. */
    private static boolean isWholeBytesHex(String s) {
        return s != null && s.length() >= 2 && s.length() % 2 == 0 && Hex.hasPrefix(s) && Hex.hexDigitsFrom(s, 2);
    }
}

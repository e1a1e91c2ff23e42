package io.fairauction.core.model;

import java.util.Locale;

/** 0x-prefixed hex strings (addresses, intent uids): compared without regard to letter case. */
public final class Hex {
    private Hex() {
    }

    /** {@code 0[xX][0-9a-fA-F]+}: a prefix and at least one hex digit. */
    public static boolean isHex(String s) {
        return s != null && s.length() > 2 && hasPrefix(s) && hexDigitsFrom(s, 2);
    }

    /** A 20-byte address: 0x and exactly 40 hex digits (any letter case; no checksum required). */
    public static boolean isAddress(String s) {
        return s != null && s.length() == 42 && hasPrefix(s) && hexDigitsFrom(s, 2);
    }

    /** {@code 0x} or {@code 0X} at the start of a string of at least two characters. */
    public static boolean hasPrefix(String s) {
        return s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    }

    /**
     * Whether every character of {@code s} from index {@code from} on is a hex digit (any letter case). A loop, not a
     * regular expression: the intake runs it on every field of every intent.
     */
    public static boolean hexDigitsFrom(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** The canonical (lower-case) form used to compare and hash. */
    public static String canonical(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }
}

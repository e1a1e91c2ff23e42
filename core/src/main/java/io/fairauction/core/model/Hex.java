package io.fairauction.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** 0x-prefixed hex strings (addresses, intent uids): compared without regard to letter case. */
public final class Hex {
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");

    private Hex() {
    }

    public static boolean isHex(String s) {
        return s != null && HEX.matcher(s).matches();
    }

    /** A 20-byte address: 0x and exactly 40 hex digits (any letter case; no checksum required). */
    public static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s).matches();
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

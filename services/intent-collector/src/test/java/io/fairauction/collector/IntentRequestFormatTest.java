package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intake's format checks, written as loops for speed, accept exactly what the formats' regular expressions
 * (the definitions in the API docs) accept.
 */
class IntentRequestFormatTest {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern HEX = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final Pattern UID = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    /** Hex digits, their near misses (g, X, space), and a non-ASCII digit that Character.isDigit would accept. */
    private static final String ALPHABET = "0123456789abcdefABCDEFxXg \u0663";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loopsAcceptExactlyWhatTheRegularExpressionsAccept(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            String s = candidate(random, new int[] {0, 1, 2, 3, 40, 41, 42, 64, 66, 130}[random.nextInt(10)]);
            assertThat(IntentRequest.isHex(s, 40)).as(s).isEqualTo(ADDRESS.matcher(s).matches());
            assertThat(IntentRequest.isHex(s, 64)).as(s).isEqualTo(UID.matcher(s).matches());
            assertThat(IntentRequest.isHex(s, -1)).as(s).isEqualTo(HEX.matcher(s).matches());
            String digits = s.substring(Math.min(2, s.length()));
            assertThat(IntentRequest.isDecimal(digits)).as(digits).isEqualTo(DECIMAL.matcher(digits).matches());
        }
    }

    /** "0x" and {@code length} hex digits, with the prefix or a character broken now and then. */
    private static String candidate(SplittableRandom random, int length) {
        StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "" : "0x");
        boolean digitsOnly = random.nextBoolean();
        for (int k = 0; k < length; k++) {
            b.append(digitsOnly ? (char) ('0' + random.nextInt(10)) : "0123456789abcdefABCDEF".charAt(random.nextInt(22)));
        }
        if (b.length() > 0 && random.nextInt(3) == 0) {
            b.setCharAt(random.nextInt(b.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}

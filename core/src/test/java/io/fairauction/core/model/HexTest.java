package io.fairauction.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.testing.Seeds;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hex checks, written as loops, accept exactly what their definitions as regular expressions accept. */
class HexTest {
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    /** Hex digits, their near misses (g, x, space), and a non-ASCII digit that Character.isDigit would accept. */
    private static final String ALPHABET = "0123456789abcdefABCDEFxXg \u0663";

    static LongStream seeds() {
        return Seeds.range(100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loopsAcceptExactlyWhatTheRegularExpressionsAccept(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            int length = new int[] {0, 1, 2, 3, 39, 40, 41, 64}[random.nextInt(8)];
            StringBuilder b = new StringBuilder(new String[] {"0x", "0X", "", "x0"}[random.nextInt(4)]);
            for (int k = 0; k < length; k++) {
                b.append("0123456789abcdefABCDEF".charAt(random.nextInt(22)));
            }
            if (b.length() > 0 && random.nextInt(3) == 0) {
                b.setCharAt(random.nextInt(b.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = b.toString();
            assertThat(Hex.isHex(s)).as(s).isEqualTo(HEX.matcher(s).matches());
            assertThat(Hex.isAddress(s)).as(s).isEqualTo(ADDRESS.matcher(s).matches());
            assertThat(Hex.hexDigitsFrom(s, Math.min(2, s.length())))
                    .as(s).isEqualTo(s.length() <= 2 || s.substring(2).matches("[0-9a-fA-F]+"));
        }
        assertThat(Hex.isHex(null)).isFalse();
        assertThat(Hex.isAddress(null)).isFalse();
    }
}

package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.utils.Numeric;

/** Address words and checks against independent definitions: the regular expression and web3j's ABI encoder. */
class WordsTest {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final String ALPHABET = "0123456789abcdefABCDEFxXg \u0663";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anAddressIsAcceptedExactlyWhenItMatchesTheFormatAndEncodesAsTheAbiDoes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            String s = candidate(random);
            if (ADDRESS.matcher(s).matches()) {
                assertThat(Words.requireAddress(s, "a")).isEqualTo(s.toLowerCase(java.util.Locale.ROOT));
                assertThat(Numeric.toHexString(Words.address(s, "a")))
                        .isEqualTo("0x" + TypeEncoder.encode(new Address(s)));
            } else {
                assertThatThrownBy(() -> Words.address(s, "a")).isInstanceOf(ChainException.class)
                        .matches(e -> ((ChainException) e).code() == ChainError.ADDRESS_INVALID);
            }
        }
    }

    /** Mostly well-formed addresses, with a character, the prefix or the length changed now and then. */
    private static String candidate(SplittableRandom random) {
        StringBuilder b = new StringBuilder("0x");
        for (int k = 0; k < 40; k++) {
            b.append("0123456789abcdefABCDEF".charAt(random.nextInt(22)));
        }
        switch (random.nextInt(5)) {
            case 0 -> b.setCharAt(random.nextInt(b.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 1 -> b.setLength(random.nextInt(b.length()));
            case 2 -> b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            default -> {
            }
        }
        return b.toString();
    }
}

package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.model.Auction;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

/**
 * The addresses core hard-codes are valid EIP-55 checksummed addresses, checked with web3j's keccak-256, which
 * core does not use: a mistyped or truncated constant fails here (the native-token placeholder once had 39 digits).
 */
class NativeTokenChecksumTest {
    @Test
    void nativeTokenPlaceholderIsTheEip55SpellingOfTwentyEeBytes() {
        String standard = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
        assertThat(Keys.toChecksumAddress("0x" + "ee".repeat(20))).isEqualTo(standard);
        assertThat(Auction.NATIVE_TOKEN).isEqualTo(standard);
    }

    @Test
    void mainnetWethIsItsOwnEip55Spelling() {
        assertThat(Keys.toChecksumAddress(Auction.MAINNET_WETH.toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo(Auction.MAINNET_WETH)
                .isEqualTo("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-token placeholder is the standard one (CoW, 1inch, 0x...), written out here from the standard and not
 * taken from the code: twenty 0xee bytes, EIP-55 checksummed. (A 39-digit copy once shipped: A->ETH and A->WETH
 * then both won under {@code cow}. The EIP-55 checksum itself is checked with web3j's keccak in the contracts module.)
 */
class NativeTokenPlaceholderTest {
    private static final String STANDARD_PLACEHOLDER = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
    private static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
    private static final String TOKEN_A = "0x000000000000000000000000000000000000000a";
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @Test
    void placeholderIsTwentyEeBytesInTheStandardSpelling() {
        assertThat(Auction.NATIVE_TOKEN).isEqualTo(STANDARD_PLACEHOLDER);
        assertThat(STANDARD_PLACEHOLDER.toLowerCase(Locale.ROOT)).isEqualTo("0x" + "ee".repeat(20));
    }

    /** Intent 1 sells A for ETH (the placeholder, spelled {@code buyToken}), intent 2 sells A for WETH. */
    private static Competition aToEthAndAToWeth(String placeholderSpelling) {
        Map<String, Token> tokens = new LinkedHashMap<>();
        tokens.put(TOKEN_A, new Token(TOKEN_A, 18, "A", ONE_ETHER));
        tokens.put(WETH, new Token(WETH, 18, "WETH", ONE_ETHER));
        tokens.put(placeholderSpelling, new Token(placeholderSpelling, 18, "ETH", ONE_ETHER));
        List<Intent> intents = List.of(
                new Intent("0x01", "0x" + "a1".repeat(20), Side.SELL, TOKEN_A, placeholderSpelling,
                        BigInteger.valueOf(1000), BigInteger.ONE, 1_790_000_000L, ""),
                new Intent("0x02", "0x" + "a2".repeat(20), Side.SELL, TOKEN_A, WETH,
                        BigInteger.valueOf(1000), BigInteger.ONE, 1_790_000_000L, ""));
        List<Bid> bids = List.of(
                new Bid("eth", "S1", List.of(new Trade("0x01", BigInteger.valueOf(1000), BigInteger.valueOf(51)))),
                new Bid("weth", "S2", List.of(new Trade("0x02", BigInteger.valueOf(1000), BigInteger.valueOf(41)))));
        return new Competition(new Auction("eth-weth", tokens, intents, WETH), bids);
    }

    @ParameterizedTest(name = "placeholder spelled {0}")
    @ValueSource(strings = {STANDARD_PLACEHOLDER, "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "0xEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE"})
    void underCowAnAToEthAndAnAToWethBidShareOnePairSoOnlyTheBetterWins(String spelling) {
        AuctionResult result = Mechanisms.byName("cow").orElseThrow().run(aToEthAndAToWeth(spelling), MechanismOptions.DEFAULT);
        assertThat(result.winners()).containsExactly("eth");
        assertThat(result.totalScore()).isEqualTo(BigInteger.valueOf(50));
    }

    @Test
    void pairDisjointWinnerDeterminationAlsoCountsEthAsWeth() {
        MechanismOptions pairDisjoint = new MechanismOptions(0, 0, true, 0, MechanismOptions.DEFAULT.limits());
        AuctionResult result = Mechanisms.fairCombinatorial().run(aToEthAndAToWeth(STANDARD_PLACEHOLDER), pairDisjoint);
        assertThat(result.winners()).containsExactly("eth");
        AuctionResult free = Mechanisms.fairCombinatorial().run(aToEthAndAToWeth(STANDARD_PLACEHOLDER), MechanismOptions.DEFAULT);
        assertThat(free.winners()).as("without the pair rule both trade").containsExactlyInAnyOrder("eth", "weth");
    }

    @Test
    void theOld39DigitSpellingIsJustAnotherTokenSoBothWin() {
        // Shows what the fix changed: an address that is not the placeholder is not merged into WETH.
        AuctionResult result = Mechanisms.byName("cow").orElseThrow()
                .run(aToEthAndAToWeth("0xEeeeeEeeeEeEeEeEeEeeEEEeeeeEeeeeeeeEEeE"), MechanismOptions.DEFAULT);
        assertThat(result.winners()).containsExactlyInAnyOrder("eth", "weth");
    }
}

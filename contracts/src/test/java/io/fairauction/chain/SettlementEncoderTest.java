package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.chain.contracts.Settlement;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/** The encoder refuses hostile input with a machine-readable code before anything reaches the chain. */
class SettlementEncoderTest {
    private static final String SETTLEMENT = "0x" + "11".repeat(20);
    private static final String RELAYER = "0x" + "22".repeat(20);
    private static final String WETH = "0x" + "aa".repeat(20);
    private static final String USDC = "0x" + "bb".repeat(20);
    private static final String SOLVER = "0x" + "33".repeat(20);
    private static final Eip712Domain DOMAIN = Eip712Domain.of(31337, SETTLEMENT);
    private static final SettlementEncoder ENCODER = new SettlementEncoder(DOMAIN, RELAYER);
    private static final Credentials ALICE = DevAccounts.account(10);
    private static final Credentials BOB = DevAccounts.account(11);

    private static Intent sell(Credentials owner, String sellToken, String buyToken, long sell, long buy, Eip712Domain domain) {
        return IntentSignatures.sign(new Intent("0x", owner.getAddress(), Side.SELL, sellToken, buyToken,
                BigInteger.valueOf(sell), BigInteger.valueOf(buy), 2_000_000_000L, ""), owner.getEcKeyPair(), domain);
    }

    private static final Intent ALICE_SELLS = sell(ALICE, WETH, USDC, 100, 90, DOMAIN);
    private static final Intent BOB_SELLS = sell(BOB, USDC, WETH, 95, 95, DOMAIN);

    private static Bid bid(List<Trade> trades, List<Interaction> interactions) {
        return new Bid("b", "s", trades, interactions);
    }

    private static EncodedSettlement encode(Bid bid, List<Intent> intents) {
        return ENCODER.encode("7", bid, intents, SOLVER);
    }

    private static Intent with(Intent i, String signature) {
        return new Intent(i.uid(), i.owner(), i.side(), i.sellToken(), i.buyToken(), i.sellAmount(), i.buyAmount(),
                i.validTo(), signature);
    }

    @Test
    void encodesTokensInFirstUseOrderAndTradesAsTheContractTakesThem() {
        EncodedSettlement encoded = encode(bid(List.of(
                new Trade(ALICE_SELLS.uid(), BigInteger.valueOf(100), BigInteger.valueOf(95)),
                new Trade(BOB_SELLS.uid(), BigInteger.valueOf(95), BigInteger.valueOf(100))),
                List.of(new Interaction(USDC, BigInteger.ZERO, "0x1234"))), List.of(BOB_SELLS, ALICE_SELLS));

        assertThat(encoded.tokens()).containsExactly(WETH, USDC);
        assertThat(encoded.uids()).containsExactly(ALICE_SELLS.uid(), BOB_SELLS.uid());
        Settlement.TradeData bob = encoded.trades().get(1);
        assertThat(List.of(bob.sellTokenIndex, bob.buyTokenIndex)).containsExactly(BigInteger.ONE, BigInteger.ZERO);
        assertThat(bob.executedBuy).isEqualTo(BigInteger.valueOf(100));
        assertThat(encoded.auctionId()).isEqualTo(BigInteger.valueOf(7));
        String selector = Hash.sha3String("settle(uint256,address,address[],(address,uint256,uint256,uint256,uint256,"
                + "uint32,uint8,uint256,uint256,bytes)[],(address,uint256,bytes)[])").substring(0, 10);
        assertThat(encoded.callData()).startsWith(selector);
    }

    static Stream<Arguments> hostileInputs() {
        Trade aliceFull = new Trade(ALICE_SELLS.uid(), BigInteger.valueOf(100), BigInteger.valueOf(95));
        Intent otherChain = sell(ALICE, WETH, USDC, 100, 90, Eip712Domain.of(1, SETTLEMENT));
        Intent buy = IntentSignatures.sign(new Intent("0x", BOB.getAddress(), Side.BUY, USDC, WETH,
                BigInteger.valueOf(100), BigInteger.valueOf(10), 2_000_000_000L, ""), BOB.getEcKeyPair(), DOMAIN);
        return Stream.of(
                Arguments.of("a trade of an intent not supplied", ChainError.TRADE_INTENT_UNKNOWN,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of()), List.of(BOB_SELLS))),
                Arguments.of("the same intent twice", ChainError.TRADE_DUPLICATE,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull, aliceFull), List.of()), List.of(ALICE_SELLS))),
                Arguments.of("an intent signed for another chain", ChainError.UID_MISMATCH,
                        (Supplier<?>) () -> encode(bid(List.of(new Trade(otherChain.uid(), BigInteger.valueOf(100),
                                BigInteger.valueOf(95))), List.of()), List.of(otherChain))),
                Arguments.of("an intent without a signature", ChainError.SIGNATURE_MISSING,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of()), List.of(with(ALICE_SELLS, "")))),
                Arguments.of("a signature that is not hex", ChainError.SIGNATURE_MALFORMED,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of()), List.of(with(ALICE_SELLS, "0xzz")))),
                Arguments.of("a sell paid below its limit", ChainError.LIMIT_VIOLATED,
                        (Supplier<?>) () -> encode(bid(List.of(new Trade(ALICE_SELLS.uid(), BigInteger.valueOf(100),
                                BigInteger.valueOf(89))), List.of()), List.of(ALICE_SELLS))),
                Arguments.of("a sell partly filled", ChainError.LIMIT_VIOLATED,
                        (Supplier<?>) () -> encode(bid(List.of(new Trade(ALICE_SELLS.uid(), BigInteger.valueOf(99),
                                BigInteger.valueOf(95))), List.of()), List.of(ALICE_SELLS))),
                Arguments.of("a buy charged above its limit", ChainError.LIMIT_VIOLATED,
                        (Supplier<?>) () -> encode(bid(List.of(new Trade(buy.uid(), BigInteger.valueOf(101),
                                BigInteger.valueOf(10))), List.of()), List.of(buy))),
                Arguments.of("a negative executed amount", ChainError.AMOUNT_OUT_OF_RANGE,
                        (Supplier<?>) () -> encode(bid(List.of(new Trade(ALICE_SELLS.uid(), BigInteger.valueOf(100),
                                BigInteger.valueOf(-1))), List.of()), List.of(ALICE_SELLS))),
                Arguments.of("an auction id that is not a number", ChainError.AUCTION_ID_INVALID,
                        (Supplier<?>) () -> ENCODER.encode("auction-7", bid(List.of(aliceFull), List.of()), List.of(ALICE_SELLS), SOLVER)),
                Arguments.of("a payout address that is not an address", ChainError.ADDRESS_INVALID,
                        (Supplier<?>) () -> ENCODER.encode("7", bid(List.of(aliceFull), List.of()), List.of(ALICE_SELLS), "solver-1")),
                Arguments.of("an interaction calling the relayer", ChainError.INTERACTION_FORBIDDEN,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of(new Interaction(RELAYER, BigInteger.ZERO, "0x"))),
                                List.of(ALICE_SELLS))),
                Arguments.of("an interaction calling the settlement", ChainError.INTERACTION_FORBIDDEN,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of(new Interaction(SETTLEMENT.toUpperCase().replace("0X", "0x"),
                                BigInteger.ZERO, "0x"))), List.of(ALICE_SELLS))),
                Arguments.of("call data that is not hex", ChainError.CALL_DATA_MALFORMED,
                        (Supplier<?>) () -> encode(bid(List.of(aliceFull), List.of(new Interaction(USDC, BigInteger.ZERO, "0x123"))),
                                List.of(ALICE_SELLS))),
                Arguments.of("a bid with no trade", ChainError.BID_EMPTY,
                        (Supplier<?>) () -> encode(bid(List.of(), List.of()), List.of(ALICE_SELLS))));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("hostileInputs")
    void refusesHostileInputWithItsCode(String what, ChainError code, Supplier<?> encoding) {
        assertThatThrownBy(encoding::get)
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}

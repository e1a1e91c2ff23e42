package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Every refusal of the chain toolkit (encoder, hashing, signatures, revert decoding, connection) with its
 * machine-readable code and its whole message, and the accepted value at each bound, written out. No chain needed.
 */
class ToolkitRefusalTest {
    private static final String TWO_POW_256_MINUS_1 =
            "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    private static final String TWO_POW_256 =
            "115792089237316195423570985008687907853269984665640564039457584007913129639936";
    private static final long UINT32_MAX = 4_294_967_295L;

    private static final String SETTLEMENT = "0x" + "11".repeat(20);
    private static final String RELAYER = "0x" + "22".repeat(20);
    private static final String WETH = "0x" + "aa".repeat(20);
    private static final String USDC = "0x" + "bb".repeat(20);
    private static final String SOLVER = "0x" + "33".repeat(20);
    private static final String TARGET = "0x" + "44".repeat(20);
    private static final Eip712Domain DOMAIN = Eip712Domain.of(31337, SETTLEMENT);
    private static final SettlementEncoder ENCODER = new SettlementEncoder(DOMAIN, RELAYER);
    private static final Credentials ALICE = DevAccounts.account(10);
    private static final Credentials BOB = DevAccounts.account(11);

    private static Intent signed(Credentials owner, Side side, long sell, long buy, long validTo) {
        return IntentSignatures.sign(new Intent("0x", owner.getAddress(), side, WETH, USDC, BigInteger.valueOf(sell),
                BigInteger.valueOf(buy), validTo, ""), owner.getEcKeyPair(), DOMAIN);
    }

    private static final Intent ALICE_SELLS = signed(ALICE, Side.SELL, 100, 90, 2_000_000_000L);
    private static final Intent BOB_BUYS = signed(BOB, Side.BUY, 100, 10, 2_000_000_000L);

    /** An intent as it might arrive from outside: any fields, a made-up uid and signature. */
    private static Intent raw(String owner, String sellToken, String buyToken, long validTo) {
        return new Intent("0x" + "00".repeat(32), owner, Side.SELL, sellToken, buyToken, BigInteger.valueOf(100),
                BigInteger.valueOf(90), validTo, "0x" + "00".repeat(65));
    }

    private static Intent withSignature(Intent i, String signature) {
        return new Intent(i.uid(), i.owner(), i.side(), i.sellToken(), i.buyToken(), i.sellAmount(), i.buyAmount(),
                i.validTo(), signature);
    }

    private static Trade full(Intent i, BigInteger executedBuy) {
        return new Trade(i.uid(), i.sellAmount(), executedBuy);
    }

    private static EncodedSettlement settle(Intent intent, Trade trade, List<Interaction> interactions) {
        return ENCODER.encode("7", new Bid("b", "s", List.of(trade), interactions), List.of(intent), SOLVER);
    }

    private static EncodedSettlement aliceWith(List<Interaction> interactions) {
        return settle(ALICE_SELLS, full(ALICE_SELLS, BigInteger.valueOf(95)), interactions);
    }

    static Stream<Arguments> refusals() {
        Intent badOwner = raw("0xaa", WETH, USDC, 2_000_000_000L);
        Intent badSellToken = raw(ALICE.getAddress(), "0x0a", USDC, 2_000_000_000L);
        Intent badBuyToken = raw(ALICE.getAddress(), WETH, "0x" + "b".repeat(41), 2_000_000_000L);
        Intent lateValidTo = raw(ALICE.getAddress(), WETH, USDC, UINT32_MAX + 1);
        Intent negativeValidTo = raw(ALICE.getAddress(), WETH, USDC, -1);
        Trade aliceFull = full(ALICE_SELLS, BigInteger.valueOf(95));
        Intent badUid = raw(ALICE.getAddress(), WETH, USDC, 2_000_000_000L);
        return Stream.of(
                Arguments.of("an executed amount of 2^256", ChainError.AMOUNT_OUT_OF_RANGE,
                        "trade of intent " + ALICE_SELLS.uid() + " has an executed amount outside 0..2^256-1",
                        (Supplier<?>) () -> settle(ALICE_SELLS, full(ALICE_SELLS, new BigInteger(TWO_POW_256)), List.of())),
                Arguments.of("an interaction value of 2^256", ChainError.AMOUNT_OUT_OF_RANGE,
                        "value of interaction 0 is outside 0..2^256-1",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction(TARGET, new BigInteger(TWO_POW_256), "0x")))),
                Arguments.of("a negative interaction value", ChainError.AMOUNT_OUT_OF_RANGE,
                        "value of interaction 1 is outside 0..2^256-1",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction(TARGET, BigInteger.ZERO, "0x"),
                                new Interaction(TARGET, BigInteger.ONE.negate(), "0x")))),
                Arguments.of("an owner that is not an address", ChainError.ADDRESS_INVALID,
                        "owner is not an address (0x and 40 hex digits): 0xaa",
                        (Supplier<?>) () -> settle(badOwner, full(badOwner, BigInteger.valueOf(95)), List.of())),
                Arguments.of("a one-byte sell token", ChainError.ADDRESS_INVALID,
                        "sellToken is not an address (0x and 40 hex digits): 0x0a",
                        (Supplier<?>) () -> settle(badSellToken, full(badSellToken, BigInteger.valueOf(95)), List.of())),
                Arguments.of("a 41-digit buy token", ChainError.ADDRESS_INVALID,
                        "buyToken is not an address (0x and 40 hex digits): 0x" + "b".repeat(41),
                        (Supplier<?>) () -> settle(badBuyToken, full(badBuyToken, BigInteger.valueOf(95)), List.of())),
                Arguments.of("an interaction target that is not an address", ChainError.ADDRESS_INVALID,
                        "target of interaction 0 is not an address (0x and 40 hex digits): router",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction("router", BigInteger.ZERO, "0x")))),
                Arguments.of("a relayer that is not an address", ChainError.ADDRESS_INVALID,
                        "relayer is not an address (0x and 40 hex digits): 0x1234",
                        (Supplier<?>) () -> new SettlementEncoder(DOMAIN, "0x1234")),
                Arguments.of("a payout address without 0x", ChainError.ADDRESS_INVALID,
                        "solver payout address is not an address (0x and 40 hex digits): " + SOLVER.substring(2),
                        (Supplier<?>) () -> ENCODER.encode("7", new Bid("b", "s", List.of(aliceFull)), List.of(ALICE_SELLS),
                                SOLVER.substring(2))),
                Arguments.of("an auction id of 2^256", ChainError.AUCTION_ID_INVALID,
                        "auction id exceeds 2^256-1, got " + TWO_POW_256,
                        (Supplier<?>) () -> ENCODER.encode(TWO_POW_256, new Bid("b", "s", List.of(aliceFull)), List.of(ALICE_SELLS), SOLVER)),
                Arguments.of("an auction id of 79 digits", ChainError.AUCTION_ID_INVALID,
                        "auction id exceeds 2^256-1, got 1" + "0".repeat(78),
                        (Supplier<?>) () -> SettlementEncoder.parseAuctionId("1" + "0".repeat(78))),
                Arguments.of("a negative auction id", ChainError.AUCTION_ID_INVALID,
                        "auction id must be a decimal integer, got -1",
                        (Supplier<?>) () -> SettlementEncoder.parseAuctionId("-1")),
                Arguments.of("an empty auction id", ChainError.AUCTION_ID_INVALID,
                        "auction id must be a decimal integer, got ",
                        (Supplier<?>) () -> SettlementEncoder.parseAuctionId("")),
                Arguments.of("a partly filled buy", ChainError.LIMIT_VIOLATED,
                        "trade of buy intent " + BOB_BUYS.uid() + " (sell 100, buy 9) breaks its fill-or-kill amounts or its limit",
                        (Supplier<?>) () -> settle(BOB_BUYS, new Trade(BOB_BUYS.uid(), BigInteger.valueOf(100), BigInteger.valueOf(9)), List.of())),
                Arguments.of("a buy filled beyond its amount", ChainError.LIMIT_VIOLATED,
                        "trade of buy intent " + BOB_BUYS.uid() + " (sell 100, buy 11) breaks its fill-or-kill amounts or its limit",
                        (Supplier<?>) () -> settle(BOB_BUYS, new Trade(BOB_BUYS.uid(), BigInteger.valueOf(100), BigInteger.valueOf(11)), List.of())),
                Arguments.of("a validTo of 2^32", ChainError.VALID_TO_OUT_OF_RANGE,
                        "validTo 4294967296 is outside the uint32 range",
                        (Supplier<?>) () -> settle(lateValidTo, full(lateValidTo, BigInteger.valueOf(95)), List.of())),
                Arguments.of("a negative validTo", ChainError.VALID_TO_OUT_OF_RANGE,
                        "validTo -1 is outside the uint32 range",
                        (Supplier<?>) () -> IntentHashes.uid(negativeValidTo, DOMAIN)),
                Arguments.of("a cancellation of a 31-byte uid", ChainError.UID_MISMATCH,
                        "intent uid must be 32 bytes, got 31",
                        (Supplier<?>) () -> IntentHashes.cancellationDigest("0x" + "ab".repeat(31), DOMAIN)),
                Arguments.of("a cancellation of a 33-byte uid", ChainError.UID_MISMATCH,
                        "intent uid must be 32 bytes, got 33",
                        (Supplier<?>) () -> IntentHashes.cancellationDigest("0x" + "ab".repeat(33), DOMAIN)),
                Arguments.of("a cancellation of a uid that is not hex", ChainError.UID_MISMATCH,
                        "intent uid is not 0x-prefixed hex with whole bytes",
                        (Supplier<?>) () -> IntentHashes.cancellationDigest("intent-1", DOMAIN)),
                Arguments.of("a trade of an intent not supplied", ChainError.TRADE_INTENT_UNKNOWN,
                        "bid b trades unknown intent " + BOB_BUYS.uid(),
                        (Supplier<?>) () -> ENCODER.encode("7", new Bid("b", "s", List.of(full(BOB_BUYS, BigInteger.TEN))),
                                List.of(ALICE_SELLS), SOLVER)),
                Arguments.of("the same intent twice", ChainError.TRADE_DUPLICATE,
                        "bid b trades intent " + ALICE_SELLS.uid() + " twice",
                        (Supplier<?>) () -> ENCODER.encode("7", new Bid("b", "s", List.of(aliceFull, aliceFull)),
                                List.of(ALICE_SELLS), SOLVER)),
                Arguments.of("an intent whose uid is not its digest", ChainError.UID_MISMATCH,
                        "intent " + "0x" + "00".repeat(32) + " hashes to " + IntentHashes.uid(badUid, DOMAIN)
                                + " under this deployment: signed for another chain or deployment, or altered",
                        (Supplier<?>) () -> settle(badUid, full(badUid, BigInteger.valueOf(95)), List.of())),
                Arguments.of("an intent without a signature", ChainError.SIGNATURE_MISSING,
                        "intent " + ALICE_SELLS.uid() + " carries no signature",
                        (Supplier<?>) () -> settle(withSignature(ALICE_SELLS, ""), aliceFull, List.of())),
                Arguments.of("a signature that is not hex", ChainError.SIGNATURE_MALFORMED,
                        "signature of intent " + ALICE_SELLS.uid() + " is not 0x-prefixed hex with whole bytes",
                        (Supplier<?>) () -> settle(withSignature(ALICE_SELLS, "0xzz"), aliceFull, List.of())),
                Arguments.of("a sell paid below its limit", ChainError.LIMIT_VIOLATED,
                        "trade of sell intent " + ALICE_SELLS.uid() + " (sell 100, buy 89) breaks its fill-or-kill amounts or its limit",
                        (Supplier<?>) () -> settle(ALICE_SELLS, full(ALICE_SELLS, BigInteger.valueOf(89)), List.of())),
                Arguments.of("an interaction calling the relayer", ChainError.INTERACTION_FORBIDDEN,
                        "interaction 0 calls the relayer",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction(RELAYER, BigInteger.ZERO, "0x")))),
                Arguments.of("an interaction calling the settlement", ChainError.INTERACTION_FORBIDDEN,
                        "interaction 1 calls the settlement",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction(TARGET, BigInteger.ZERO, "0x"),
                                new Interaction(SETTLEMENT.toUpperCase().replace("0X", "0x"), BigInteger.ZERO, "0x")))),
                Arguments.of("call data of an odd number of digits", ChainError.CALL_DATA_MALFORMED,
                        "call data of interaction 0 is not 0x-prefixed hex with whole bytes",
                        (Supplier<?>) () -> aliceWith(List.of(new Interaction(TARGET, BigInteger.ZERO, "0x123")))),
                Arguments.of("a bid with no trade", ChainError.BID_EMPTY, "bid b has no trade",
                        (Supplier<?>) () -> ENCODER.encode("7", new Bid("b", "s", List.of()), List.of(ALICE_SELLS), SOLVER)),
                Arguments.of("a connection to a WebSocket URL", ChainError.RPC_FAILED,
                        "RPC URL must be http(s)://..., got ws://127.0.0.1:8545",
                        (Supplier<?>) () -> Chain.connect("ws://127.0.0.1:8545")),
                Arguments.of("a connection to a URL without a scheme", ChainError.RPC_FAILED,
                        "RPC URL must be http(s)://..., got 127.0.0.1:8545",
                        (Supplier<?>) () -> Chain.connect("127.0.0.1:8545")),
                Arguments.of("a connection to no URL", ChainError.RPC_FAILED,
                        "RPC URL must be http(s)://..., got null",
                        (Supplier<?>) () -> Chain.connect(null)));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refusals")
    void refusesWithItsCodeAndANamedReason(String what, ChainError code, String message, Supplier<?> call) {
        assertThatThrownBy(call::get)
                .as(what)
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.code()).as(what).isEqualTo(code);
                    assertThat(e.getMessage()).as(what).isEqualTo(code + ": " + message);
                });
    }

    @Test
    void acceptsEachBoundItself() {
        EncodedSettlement atMax = ENCODER.encode(TWO_POW_256_MINUS_1, new Bid("b", "s",
                        List.of(full(ALICE_SELLS, new BigInteger(TWO_POW_256_MINUS_1))),
                        List.of(new Interaction(TARGET, new BigInteger(TWO_POW_256_MINUS_1), "0x"))),
                List.of(ALICE_SELLS), SOLVER);
        assertThat(atMax.auctionId()).isEqualTo(new BigInteger(TWO_POW_256_MINUS_1));
        assertThat(atMax.trades().get(0).executedBuy).isEqualTo(new BigInteger(TWO_POW_256_MINUS_1));
        assertThat(SettlementEncoder.parseAuctionId("000" + TWO_POW_256_MINUS_1)).as("leading zeros")
                .isEqualTo(new BigInteger(TWO_POW_256_MINUS_1));
        assertThat(SettlementEncoder.parseAuctionId("0")).isZero();

        Intent lastSecond = signed(ALICE, Side.SELL, 100, 90, UINT32_MAX);
        assertThat(settle(lastSecond, full(lastSecond, BigInteger.valueOf(90)), List.of()).trades().get(0).validTo)
                .isEqualTo(BigInteger.valueOf(UINT32_MAX));
        Intent zero = signed(ALICE, Side.SELL, 100, 90, 0);
        assertThat(IntentHashes.uid(zero, DOMAIN)).isEqualTo(zero.uid());

        EncodedSettlement buy = settle(BOB_BUYS, new Trade(BOB_BUYS.uid(), BigInteger.valueOf(100), BigInteger.valueOf(10)), List.of());
        assertThat(buy.trades().get(0).executedBuy).as("a buy filled exactly, at its limit").isEqualTo(BigInteger.TEN);
    }

    private static final byte[] DIGEST = Hash.sha3("a message".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static String signature() {
        return IntentSignatures.sign(DIGEST, ALICE.getEcKeyPair());
    }

    private static String withV(String signature, int v) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        sig[64] = (byte) v;
        return Numeric.toHexString(sig);
    }

    @Test
    void recoveryFindsTheSignerOfAWellFormedSignature() {
        String sig = signature();
        assertThat(Numeric.hexStringToByteArray(sig)).hasSize(65);
        assertThat(IntentSignatures.recover(DIGEST, sig)).contains(ALICE.getAddress());
        int v = Numeric.hexStringToByteArray(sig)[64];
        assertThat(IntentSignatures.recover(DIGEST, withV(sig, v == 27 ? 28 : 27)))
                .as("the other recovery id is a valid v but another signer").isPresent()
                .get().isNotEqualTo(ALICE.getAddress());
    }

    @ParameterizedTest(name = "v = {0}")
    @ValueSource(ints = {0, 1, 26, 29, 30, 31, 32, 33, 34, 35, 255})
    void recoveryRejectsAVOtherThan27Or28(int v) {
        assertThat(IntentSignatures.recover(DIGEST, withV(signature(), v))).isEmpty();
    }

    @Test
    void recoveryRejectsSignaturesOfAnyOtherLengthAndNonHex() {
        String sig = signature();
        assertThat(IntentSignatures.recover(DIGEST, sig.substring(0, sig.length() - 2))).as("64 bytes").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, sig + "00")).as("66 bytes").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, "0x")).as("no bytes").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, sig.substring(2))).as("no 0x").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, sig.substring(0, sig.length() - 1))).as("odd digits").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, "0x" + "zz".repeat(65))).as("not hex").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, "0X" + sig.substring(2))).as("0X prefix").isPresent();
        assertThat(IntentSignatures.recover(DIGEST, sig.substring(0, sig.length() - 2) + "\uFF11\uFF11"))
                .as("non-ASCII digits (fullwidth 1)").isEmpty();
        assertThat(IntentSignatures.recover(DIGEST, null)).as("null").isEmpty();
    }

    @Test
    void recoveryRejectsSAboveHalfTheCurveOrderAndAcceptsItAtHalf() {
        // secp256k1 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141, written out.
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        assertThat(IntentSignatures.HALF_CURVE_ORDER).isEqualTo(n.shiftRight(1));
        String twin = Signatures.malleableTwin(signature());
        assertThat(IntentSignatures.recover(DIGEST, twin)).as("high-s twin of a valid signature").isEmpty();
        // With a real r (a point on the curve), s = n/2 still recovers a key (whose, does not matter); n/2 + 1 does not.
        assertThat(IntentSignatures.recover(DIGEST, withS(signature(), n.shiftRight(1)))).as("s = n/2").isPresent();
        assertThat(IntentSignatures.recover(DIGEST, withS(signature(), n.shiftRight(1).add(BigInteger.ONE))))
                .as("s = n/2 + 1").isEmpty();
    }

    private static String withS(String signature, BigInteger s) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        System.arraycopy(Numeric.toBytesPadded(s, 32), 0, sig, 32, 32);
        return Numeric.toHexString(sig);
    }

    @Test
    void signingForAnotherOwnerIsRefused() {
        Intent bobs = new Intent("0x", BOB.getAddress(), Side.SELL, WETH, USDC, BigInteger.TEN, BigInteger.ONE, 0, "");
        assertThatThrownBy(() -> IntentSignatures.sign(bobs, ALICE.getEcKeyPair(), DOMAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key of " + ALICE.getAddress() + " cannot sign for owner " + BOB.getAddress());
    }

    @Test
    void malformedRevertBodiesDecodeToTheirNameWithoutArgumentsAndKeepTheRawData() {
        String selector = Hash.sha3String("IntentExpired(bytes32)").substring(0, 10);
        String truncated = selector + "ab".repeat(10); // 10 of the 32 bytes of the argument
        ContractRevert expired = ContractErrors.decode(truncated);
        assertThat(expired.name()).isEqualTo("IntentExpired");
        assertThat(expired.arguments()).isEmpty();
        assertThat(expired.data()).isEqualTo(truncated);

        String errorSelector = "0x08c379a0";
        ContractRevert message = ContractErrors.decode(errorSelector + "00".repeat(31) + "20" + "ff".repeat(32));
        assertThat(message.name()).isEqualTo("Error");
        assertThat(message.arguments()).as("a string offset and a length past the end").isEmpty();

        assertThat(ContractErrors.decode("0x1234")).as("shorter than a selector")
                .isEqualTo(new ContractRevert("Unknown", List.of(), "0x1234", java.util.Optional.empty()));
        assertThat(ContractErrors.decode(null).name()).isEqualTo("Unknown");
        assertThat(ContractErrors.decode("0xDEADBEEF00").arguments()).as("unknown selector, lower-cased")
                .containsExactly("0xdeadbeef");
    }
}

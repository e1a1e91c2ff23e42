package io.fairauction.chain;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing of intents and cancellations, bit for bit as {@code Settlement.sol} does it
 * (see docs/settlement.md for the types). An intent's uid is its EIP-712 digest: the message its owner signs.
 */
public final class IntentHashes {
    /** The EIP-712 type of an intent; {@code Settlement.INTENT_TYPE()} returns the same string. */
    public static final String INTENT_TYPE =
            "Intent(address owner,address sellToken,address buyToken,uint256 sellAmount,uint256 buyAmount,"
                    + "uint32 validTo,string side)";
    /** The EIP-712 type of a cancellation; {@code Settlement.CANCELLATION_TYPE()} returns the same string. */
    public static final String CANCELLATION_TYPE = "Cancellation(bytes32 intent)";

    private static final byte[] INTENT_TYPE_HASH = Words.keccak(INTENT_TYPE);
    private static final byte[] CANCELLATION_TYPE_HASH = Words.keccak(CANCELLATION_TYPE);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** keccak256 of each side's name, the struct's string field, hashed once instead of per intent. */
    private static final Map<Side, byte[]> SIDE_HASH = new EnumMap<>(Side.class);

    static {
        for (Side side : Side.values()) {
            SIDE_HASH.put(side, Words.keccak(side.wire()));
        }
    }

    private IntentHashes() {
    }

    /** {@code hashStruct(intent)}; the intent's uid and signature play no part in it. */
    public static byte[] structHash(Intent intent) {
        if (intent.validTo() < 0 || intent.validTo() > UINT32_MAX) {
            throw new ChainException(ChainError.VALID_TO_OUT_OF_RANGE,
                    "validTo " + intent.validTo() + " is outside the uint32 range");
        }
        return Hash.sha3(Words.concat(
                INTENT_TYPE_HASH,
                Words.address(intent.owner(), "owner"),
                Words.address(intent.sellToken(), "sellToken"),
                Words.address(intent.buyToken(), "buyToken"),
                Words.uint(intent.sellAmount()),
                Words.uint(intent.buyAmount()),
                Words.uint(BigInteger.valueOf(intent.validTo())),
                SIDE_HASH.get(intent.side())));
    }

    /** The intent's EIP-712 digest under {@code domain}: the message signed, and the intent's uid. */
    public static byte[] digest(Intent intent, Eip712Domain domain) {
        return digest(domain, structHash(intent));
    }

    /** The intent's uid under {@code domain}, 0x-prefixed lower-case hex. */
    public static String uid(Intent intent, Eip712Domain domain) {
        return Numeric.toHexString(digest(intent, domain));
    }

    /** The digest an owner signs to cancel the intent with uid {@code uid}. */
    public static byte[] cancellationDigest(String uid, Eip712Domain domain) {
        byte[] intent = Words.requireHex(uid, ChainError.UID_MISMATCH, "intent uid");
        if (intent.length != 32) {
            throw new ChainException(ChainError.UID_MISMATCH, "intent uid must be 32 bytes, got " + intent.length);
        }
        return digest(domain, Hash.sha3(Words.concat(CANCELLATION_TYPE_HASH, intent)));
    }

    /**
     * The intent as EIP-712 typed data (JSON), what a wallet's {@code eth_signTypedData_v4} takes: signing it
     * gives the same signature as {@link IntentSignatures#sign}.
     */
    public static String typedDataJson(Intent intent, Eip712Domain domain) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = json.createObjectNode();
        var types = root.putObject("types");
        var domainType = types.putArray("EIP712Domain");
        for (String[] field : new String[][] {{"name", "string"}, {"version", "string"}, {"chainId", "uint256"},
                {"verifyingContract", "address"}}) {
            domainType.addObject().put("name", field[0]).put("type", field[1]);
        }
        var intentType = types.putArray("Intent");
        for (String[] field : new String[][] {{"owner", "address"}, {"sellToken", "address"}, {"buyToken", "address"},
                {"sellAmount", "uint256"}, {"buyAmount", "uint256"}, {"validTo", "uint32"}, {"side", "string"}}) {
            intentType.addObject().put("name", field[0]).put("type", field[1]);
        }
        root.put("primaryType", "Intent");
        root.putObject("domain")
                .put("name", domain.name())
                .put("version", domain.version())
                .put("chainId", domain.chainId())
                .put("verifyingContract", domain.verifyingContract());
        root.putObject("message")
                .put("owner", intent.owner())
                .put("sellToken", intent.sellToken())
                .put("buyToken", intent.buyToken())
                .put("sellAmount", intent.sellAmount().toString())
                .put("buyAmount", intent.buyAmount().toString())
                .put("validTo", intent.validTo())
                .put("side", intent.side().wire());
        return root.toString();
    }

    /** The side's number in settlement call data: 0 sell, 1 buy (the signed struct carries its name). */
    public static int sideCode(Side side) {
        return side == Side.SELL ? 0 : 1;
    }

    private static byte[] digest(Eip712Domain domain, byte[] structHash) {
        return Hash.sha3(Words.concat(new byte[] {0x19, 0x01}, domain.separator(), structHash));
    }
}

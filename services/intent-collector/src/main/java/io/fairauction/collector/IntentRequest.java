package io.fairauction.collector;

import static io.fairauction.collector.Rejection.refuse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A submitted intent as parsed from the request body, before any check that needs the deployment, the clock or the
 * chain: every field present, of the right JSON type and format. Addresses and hex are lower-cased.
 *
 * @param uid the uid the client claims, null when it gave none
 */
public record IntentRequest(String owner, Side side, String sellToken, String buyToken, BigInteger sellAmount,
                            BigInteger buyAmount, long validTo, String signature, String uid) {

    /** The fields of a submission, in the order they are checked. */
    public static final List<String> FIELDS = List.of("owner", "side", "sellToken", "buyToken", "sellAmount",
            "buyAmount", "validTo", "signature", "uid");
    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private static final Set<String> KNOWN_FIELDS = Set.copyOf(FIELDS);

    /** Strict JSON: duplicate keys and trailing content are errors, not "last one wins". */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    /** Parses a submission; {@link Rejection.Refused} with the first problem found. */
    public static IntentRequest parse(byte[] body) {
        JsonNode root = object(body);
        String owner = address(root, "owner");
        JsonNode sideNode = required(root, "side");
        if (!sideNode.isTextual() || !(sideNode.asText().equals("sell") || sideNode.asText().equals("buy"))) {
            throw refuse(Code.MISTYPED_FIELD, "side must be \"sell\" or \"buy\"", "side");
        }
        Side side = Side.fromWire(sideNode.asText());
        String sellToken = address(root, "sellToken");
        String buyToken = address(root, "buyToken");
        BigInteger sellAmount = amount(root, "sellAmount");
        BigInteger buyAmount = amount(root, "buyAmount");
        long validTo = validTo(root);
        String signature = hex(root, "signature");
        String uid = null;
        JsonNode uidNode = root.get("uid");
        if (uidNode != null && !uidNode.isNull()) {
            uid = uid(uidNode, "uid");
        }
        unknownFields(root, KNOWN_FIELDS);
        // Value checks come after the shape checks, so a client sees its format errors first.
        for (String field : List.of("sellAmount", "buyAmount")) {
            BigInteger v = field.equals("sellAmount") ? sellAmount : buyAmount;
            if (v.signum() == 0) {
                throw refuse(Code.ZERO_AMOUNT, field + " must be at least 1", field);
            }
            if (v.compareTo(U256.MAX) > 0) {
                throw refuse(Code.AMOUNT_TOO_LARGE, field + " must be at most 2^256-1", field);
            }
        }
        if (sellToken.equals(buyToken)) {
            throw refuse(Code.SAME_TOKEN, "sellToken and buyToken must differ", "buyToken");
        }
        return new IntentRequest(owner, side, sellToken, buyToken, sellAmount, buyAmount, validTo, signature, uid);
    }

    /** Parses a cancellation body {@code {"signature"}}. */
    public static String parseCancellation(byte[] body) {
        JsonNode root = object(body);
        String signature = hex(root, "signature");
        unknownFields(root, Set.of("signature"));
        return signature;
    }

    /** A path uid: 0x and 64 hex digits, lower-cased; {@link Code#MALFORMED_UID} otherwise. */
    public static String pathUid(String uid) {
        if (uid == null || !isHex(uid, 64)) {
            throw refuse(Code.MALFORMED_UID, "uid must be 0x followed by 64 hex digits", "uid");
        }
        return uid.toLowerCase(Locale.ROOT);
    }

    static JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw refuse(Code.UNPARSABLE_JSON, "body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException | RuntimeException e) {
            throw refuse(Code.UNPARSABLE_JSON, "body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw refuse(Code.UNPARSABLE_JSON, "body must be a JSON object", null);
        }
        return root;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw refuse(Code.MISSING_FIELD, field + " is required", field);
        }
        return n;
    }

    private static String text(JsonNode root, String field, String what) {
        JsonNode n = required(root, field);
        if (!n.isTextual()) {
            throw refuse(Code.MISTYPED_FIELD, field + " must be a string (" + what + ")", field);
        }
        return n.asText();
    }

    private static String address(JsonNode root, String field) {
        String s = text(root, field, "0x and 40 hex digits");
        if (!isHex(s, 40)) {
            throw refuse(Code.MISTYPED_FIELD, field + " must be an address: 0x and 40 hex digits", field);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String hex(JsonNode root, String field) {
        String s = text(root, field, "0x-prefixed hex");
        if (!isHex(s, -1)) {
            throw refuse(Code.MISTYPED_FIELD, field + " must be 0x-prefixed hex", field);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String uid(JsonNode n, String field) {
        if (!n.isTextual() || !isHex(n.asText(), 64)) {
            throw refuse(Code.MISTYPED_FIELD, field + " must be 0x and 64 hex digits", field);
        }
        return n.asText().toLowerCase(Locale.ROOT);
    }

    private static BigInteger amount(JsonNode root, String field) {
        String s = text(root, field, "a decimal string of base units");
        if (!isDecimal(s)) {
            throw refuse(Code.MISTYPED_FIELD, field + " must be a decimal string of base units, e.g. \"1000000\"", field);
        }
        return new BigInteger(s);
    }

    private static long validTo(JsonNode root) {
        JsonNode n = required(root, "validTo");
        if (!n.isIntegralNumber()) {
            throw refuse(Code.MISTYPED_FIELD, "validTo must be an integer (unix seconds)", "validTo");
        }
        BigInteger v = n.bigIntegerValue();
        if (v.signum() < 0) {
            return -1; // in the past: the window check refuses it as expired
        }
        // Past uint32 it cannot be signed; clamp so the window check refuses it as too far.
        return v.compareTo(BigInteger.valueOf(UINT32_MAX)) > 0 ? UINT32_MAX + 1 : v.longValueExact();
    }

    /**
     * {@code 0x} and {@code digits} hex digits, or any even number of them when {@code digits} is negative. Loops, not
     * regular expressions: these run on every submission.
     */
    static boolean isHex(String s, int digits) {
        int n = s.length() - 2;
        return n >= 0 && s.charAt(0) == '0' && s.charAt(1) == 'x' && (digits < 0 ? n % 2 == 0 : n == digits)
                && Hex.hexDigitsFrom(s, 2);
    }

    /** One or more ASCII digits ({@code [0-9]+}). */
    static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void unknownFields(JsonNode root, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw refuse(Code.UNKNOWN_FIELD, "unknown field(s) " + new ArrayList<>(unknown) + "; known: " + known, first);
        }
    }
}

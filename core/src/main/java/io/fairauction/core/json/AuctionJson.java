package io.fairauction.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the auction file of DESIGN.md section 8.
 *
 * <p>Reading is strict about structure and lenient about nothing a solver controls: a document that does not parse,
 * or a missing or malformed field, is an {@link AuctionFileException} naming the field's path. A bid that is well
 * formed but unusable (unknown intent, zero amount, limit violated...) is read as is; screening filters it later,
 * so one bad bid never costs the others their replay. Unknown fields are ignored.
 */
public final class AuctionJson {

    /** Integers as decimal strings; a leading minus is well formed (and screened later). */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** Longer than any 256-bit number even with leading zeros stripped: no need to parse it to know it is too big. */
    private static final int MAX_DIGITS = 90;
    private static final BigInteger OVER_RANGE = U256.MAX.add(BigInteger.ONE);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        // Hostile input: bound document shape so a crafted file cannot exhaust memory or stack.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(200)
                .maxStringLength(10_000_000)
                .build());
    }

    private AuctionJson() {
    }

    /**
     * The mapper the auction file is read with (duplicate keys refused, nesting, number and string lengths bounded):
     * for other readers of hostile JSON that embed auction documents, such as the solver wire protocol.
     */
    public static ObjectMapper hostileInputMapper() {
        return MAPPER;
    }

    public static Competition read(InputStream in) throws AuctionFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new AuctionFileException("", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new AuctionFileException("", "the document is empty");
        }
        return fromTree(root);
    }

    public static Competition read(String json) throws AuctionFileException {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Reads an auction document already parsed (e.g. embedded in a message); the same rules as {@link #read}. */
    public static Competition fromTree(JsonNode root) throws AuctionFileException {
        Node doc = new Node(root, "");
        doc.requireObject();
        String id = doc.field("id").scalarText();

        Node tokensNode = doc.field("tokens");
        tokensNode.requireObject();
        Map<String, Token> tokens = new LinkedHashMap<>();
        Set<String> tokenKeys = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tokensNode.json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            Node t = new Node(e.getValue(), tokensNode.path + "[\"" + e.getKey() + "\"]");
            if (!Hex.isHex(e.getKey())) {
                throw new AuctionFileException(t.path, "a token key must be a 0x-prefixed hex address");
            }
            if (!Hex.isAddress(e.getKey())) {
                throw new AuctionFileException(t.path, notAnAddress(e.getKey()));
            }
            if (!tokenKeys.add(Hex.canonical(e.getKey()))) {
                throw new AuctionFileException(t.path, "the same token is listed twice");
            }
            t.requireObject();
            int decimals = t.field("decimals").intIn(0, 255);
            String symbol = t.optional("symbol") == null ? "" : t.field("symbol").string();
            BigInteger nativePrice = t.field("nativePrice").amountIn(BigInteger.ZERO, "0..2^256-1");
            tokens.put(e.getKey(), new Token(e.getKey(), decimals, symbol, nativePrice));
        }

        Node intentsNode = doc.field("intents");
        intentsNode.requireArray();
        List<Intent> intents = new ArrayList<>();
        Map<String, String> declaredUid = new HashMap<>();
        for (int i = 0; i < intentsNode.json.size(); i++) {
            Node n = intentsNode.element(i);
            n.requireObject();
            String uid = n.field("uid").hex();
            if (declaredUid.putIfAbsent(Hex.canonical(uid), uid) != null) {
                throw new AuctionFileException(n.path + ".uid", "duplicate intent uid " + uid);
            }
            String owner = n.field("owner").hex();
            Side side;
            Node sideNode = n.field("side");
            try {
                side = Side.fromWire(sideNode.string());
            } catch (IllegalArgumentException ex) {
                throw new AuctionFileException(sideNode.path, ex.getMessage());
            }
            String sellToken = n.field("sellToken").tokenIn(tokens);
            String buyToken = n.field("buyToken").tokenIn(tokens);
            if (Hex.same(sellToken, buyToken)) {
                throw new AuctionFileException(n.path + ".buyToken", "the same token as sellToken");
            }
            BigInteger sellAmount = n.field("sellAmount").amountIn(BigInteger.ONE, "1..2^256-1");
            BigInteger buyAmount = n.field("buyAmount").amountIn(BigInteger.ONE, "1..2^256-1");
            long validTo = n.field("validTo").longIn(0, 0xFFFF_FFFFL);
            String signature = n.optional("signature") == null ? "" : n.field("signature").hex();
            intents.add(new Intent(uid, owner, side, sellToken, buyToken, sellAmount, buyAmount, validTo, signature));
        }

        String weth = Auction.MAINNET_WETH;
        if (doc.optional("wrappedNativeToken") != null) {
            weth = doc.field("wrappedNativeToken").address();
        }

        List<Bid> bids = new ArrayList<>();
        Node bidsNode = doc.optional("bids");
        if (bidsNode != null) {
            bidsNode.requireArray();
            Set<String> bidIds = new HashSet<>();
            for (int b = 0; b < bidsNode.json.size(); b++) {
                Node n = bidsNode.element(b);
                n.requireObject();
                String bidId = n.field("id").nonEmptyString();
                if (!bidIds.add(bidId)) {
                    throw new AuctionFileException(n.path + ".id", "duplicate bid id " + bidId);
                }
                String solver = n.field("solver").nonEmptyString();
                Node tradesNode = n.field("trades");
                tradesNode.requireArray();
                List<Trade> trades = new ArrayList<>();
                for (int t = 0; t < tradesNode.json.size(); t++) {
                    Node tn = tradesNode.element(t);
                    tn.requireObject();
                    String intent = tn.field("intent").nonEmptyString();
                    // Resolve to the declared spelling so every output names an intent one way.
                    intent = declaredUid.getOrDefault(Hex.canonical(intent), intent);
                    trades.add(new Trade(intent, tn.field("executedSell").integer(), tn.field("executedBuy").integer()));
                }
                List<Interaction> interactions = new ArrayList<>();
                Node interactionsNode = n.optional("interactions");
                if (interactionsNode != null) {
                    interactionsNode.requireArray();
                    for (int k = 0; k < interactionsNode.json.size(); k++) {
                        Node in = interactionsNode.element(k);
                        in.requireObject();
                        String target = in.field("target").hex();
                        BigInteger value = in.optional("value") == null ? BigInteger.ZERO
                                : in.field("value").amountIn(BigInteger.ZERO, "0..2^256-1");
                        String callData = in.field("callData").hexOrEmpty();
                        interactions.add(new Interaction(target, value, callData));
                    }
                }
                bids.add(new Bid(bidId, solver, trades, interactions));
            }
        }
        return new Competition(new Auction(id, tokens, intents, weth), bids);
    }

    /** Writes a competition in the auction file format (amounts as decimal strings). */
    public static String write(Competition competition, boolean pretty) {
        return Json.toString(toTree(competition), pretty);
    }

    /** The auction file of {@link #write} as a JSON tree, to embed in a message. */
    public static ObjectNode toTree(Competition competition) {
        Auction a = competition.auction();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", a.id());
        if (!a.wrappedNativeToken().equals(Auction.MAINNET_WETH)) {
            root.put("wrappedNativeToken", a.wrappedNativeToken());
        }
        ObjectNode tokens = root.putObject("tokens");
        for (Token t : a.tokens().values()) {
            ObjectNode tn = tokens.putObject(t.address());
            tn.put("decimals", t.decimals());
            if (!t.symbol().isEmpty()) {
                tn.put("symbol", t.symbol());
            }
            tn.put("nativePrice", t.nativePrice().toString());
        }
        ArrayNode intents = root.putArray("intents");
        for (Intent i : a.intents()) {
            ObjectNode in = intents.addObject();
            in.put("uid", i.uid());
            in.put("owner", i.owner());
            in.put("side", i.side().wire());
            in.put("sellToken", i.sellToken());
            in.put("buyToken", i.buyToken());
            in.put("sellAmount", i.sellAmount().toString());
            in.put("buyAmount", i.buyAmount().toString());
            in.put("validTo", i.validTo());
            if (!i.signature().isEmpty()) {
                in.put("signature", i.signature());
            }
        }
        ArrayNode bids = root.putArray("bids");
        for (Bid b : competition.bids()) {
            ObjectNode bn = bids.addObject();
            bn.put("id", b.id());
            bn.put("solver", b.solver());
            ArrayNode trades = bn.putArray("trades");
            for (Trade t : b.trades()) {
                ObjectNode tn = trades.addObject();
                tn.put("intent", t.intent());
                tn.put("executedSell", t.executedSell().toString());
                tn.put("executedBuy", t.executedBuy().toString());
            }
            if (!b.interactions().isEmpty()) {
                ArrayNode ins = bn.putArray("interactions");
                for (Interaction x : b.interactions()) {
                    ObjectNode xn = ins.addObject();
                    xn.put("target", x.target());
                    xn.put("value", x.value().toString());
                    xn.put("callData", x.callData());
                }
            }
        }
        return root;
    }

    private static String notAnAddress(String s) {
        return "a token address must be 20 bytes (0x and 40 hex digits), got " + (s.length() - 2) + " hex digits in \""
                + Node.abbreviate(s) + "\"";
    }

    /** A JSON value and where it is in the document. */
    private static final class Node {
        final JsonNode json;
        final String path;

        Node(JsonNode json, String path) {
            this.json = json;
            this.path = path;
        }

        private String child(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        Node field(String name) throws AuctionFileException {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                throw new AuctionFileException(child(name), "required field is missing");
            }
            return new Node(v, child(name));
        }

        Node optional(String name) {
            JsonNode v = json.get(name);
            return v == null || v.isNull() ? null : new Node(v, child(name));
        }

        Node element(int i) {
            return new Node(json.get(i), path + "[" + i + "]");
        }

        void requireObject() throws AuctionFileException {
            if (!json.isObject()) {
                throw new AuctionFileException(path, "must be an object, got " + kind());
            }
        }

        void requireArray() throws AuctionFileException {
            if (!json.isArray()) {
                throw new AuctionFileException(path, "must be an array, got " + kind());
            }
        }

        String string() throws AuctionFileException {
            if (!json.isTextual()) {
                throw new AuctionFileException(path, "must be a string, got " + kind());
            }
            return json.textValue();
        }

        String nonEmptyString() throws AuctionFileException {
            String s = string();
            if (s.isBlank()) {
                throw new AuctionFileException(path, "must not be empty");
            }
            return s;
        }

        /** A string or an integer, as text (auction ids are either). */
        String scalarText() throws AuctionFileException {
            if (json.isIntegralNumber()) {
                return json.bigIntegerValue().toString();
            }
            return nonEmptyString();
        }

        String hex() throws AuctionFileException {
            String s = string();
            if (!Hex.isHex(s)) {
                throw new AuctionFileException(path, "must be 0x-prefixed hex, got \"" + abbreviate(s) + "\"");
            }
            return s;
        }

        String hexOrEmpty() throws AuctionFileException {
            String s = string();
            if (!(s.equals("0x") || s.equals("0X") || Hex.isHex(s)) || (s.length() % 2) != 0) {
                throw new AuctionFileException(path, "must be 0x-prefixed hex bytes, got \"" + abbreviate(s) + "\"");
            }
            return s;
        }

        /** A token address: 0x and 40 hex digits (20 bytes), as on chain. */
        String address() throws AuctionFileException {
            String s = hex();
            if (!Hex.isAddress(s)) {
                throw new AuctionFileException(path, notAnAddress(s));
            }
            return s;
        }

        String tokenIn(Map<String, Token> tokens) throws AuctionFileException {
            String s = address();
            for (String key : tokens.keySet()) {
                if (Hex.same(key, s)) {
                    return key;
                }
            }
            throw new AuctionFileException(path, "token " + s + " is not listed in tokens");
        }

        /** Any integer, as a decimal string or a JSON integer; values beyond 256 bits read as 2^256. */
        BigInteger integer() throws AuctionFileException {
            String text;
            if (json.isIntegralNumber()) {
                text = json.bigIntegerValue().toString();
            } else if (json.isTextual()) {
                text = json.textValue();
            } else {
                throw new AuctionFileException(path, "must be an integer as a decimal string, got " + kind());
            }
            if (!INTEGER.matcher(text).matches()) {
                throw new AuctionFileException(path, "must be an integer as a decimal string, got \"" + abbreviate(text) + "\"");
            }
            boolean negative = text.startsWith("-");
            String digits = (negative ? text.substring(1) : text).replaceFirst("^0+(?=.)", "");
            if (digits.length() > MAX_DIGITS) {
                return negative ? OVER_RANGE.negate() : OVER_RANGE;
            }
            BigInteger v = new BigInteger(digits);
            return negative ? v.negate() : v;
        }

        BigInteger amountIn(BigInteger min, String range) throws AuctionFileException {
            BigInteger v = integer();
            if (v.compareTo(min) < 0 || v.compareTo(U256.MAX) > 0) {
                throw new AuctionFileException(path, "must be in " + range + ", got " + abbreviate(v.toString()));
            }
            return v;
        }

        int intIn(int min, int max) throws AuctionFileException {
            return (int) longIn(min, max);
        }

        long longIn(long min, long max) throws AuctionFileException {
            BigInteger v = integer();
            if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new AuctionFileException(path, "must be an integer in " + min + ".." + max + ", got " + abbreviate(v.toString()));
            }
            return v.longValueExact();
        }

        private String kind() {
            return switch (json.getNodeType()) {
                case ARRAY -> "an array";
                case OBJECT, POJO -> "an object";
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL, MISSING -> "null";
                case BINARY -> "binary";
            };
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 77) + "...";
        }
    }
}

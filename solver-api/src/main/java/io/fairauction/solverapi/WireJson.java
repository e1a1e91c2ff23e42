package io.fairauction.solverapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.json.AuctionFileException;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON of the wire protocol (docs/solver-api.md). Auctions and bids use the auction file format of
 * docs/file-format.md, read by core's {@link AuctionJson} with its limits, so a request saved to a file is a
 * recorded auction any replay tool reads.
 */
public final class WireJson {
    /** The protocol version; a message with a higher major version is refused. */
    public static final int VERSION = 1;

    /** Core's reader of hostile JSON: duplicate keys refused, document shape bounded as for auction files. */
    private static final ObjectMapper MAPPER = AuctionJson.hostileInputMapper();

    private WireJson() {
    }

    public static byte[] writeRequest(SolveRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ObjectNode auction = AuctionJson.toTree(new Competition(request.auction(), List.of()));
        auction.remove("bids");
        root.set("auction", auction);
        ArrayNode pools = root.putArray("liquidity");
        for (Pool p : request.liquidity()) {
            pools.addObject()
                    .put("address", p.address())
                    .put("token0", p.token0())
                    .put("token1", p.token1())
                    .put("reserve0", p.reserve0().toString())
                    .put("reserve1", p.reserve1().toString())
                    .put("feeBps", p.feeBps());
        }
        root.put("deadline", request.deadlineMillis());
        root.put("settlement", request.settlement());
        root.put("chainId", request.chainId());
        return bytes(root);
    }

    public static SolveRequest readRequest(byte[] body) throws WireFormatException {
        JsonNode root = parse(body);
        checkVersion(root);
        Competition c;
        try {
            c = AuctionJson.fromTree(required(root, "auction"));
        } catch (AuctionFileException e) {
            throw new WireFormatException("auction" + (e.path().isEmpty() ? "" : "." + e.path()), e.reason());
        }
        List<Pool> pools = new ArrayList<>();
        JsonNode liquidity = root.path("liquidity");
        if (!liquidity.isMissingNode()) {
            if (!liquidity.isArray()) {
                throw new WireFormatException("liquidity", "must be an array");
            }
            for (int i = 0; i < liquidity.size(); i++) {
                JsonNode p = liquidity.get(i);
                String at = "liquidity[" + i + "]";
                try {
                    pools.add(new Pool(text(p, "address", at), text(p, "token0", at), text(p, "token1", at),
                            amount(p, "reserve0", at), amount(p, "reserve1", at), (int) number(p, "feeBps", at)));
                } catch (IllegalArgumentException e) {
                    throw new WireFormatException(at, e.getMessage());
                }
            }
        }
        return new SolveRequest(c.auction(), pools, number(root, "deadline", ""), text(root, "settlement", ""),
                number(root, "chainId", ""));
    }

    public static byte[] writeResponse(SolveResponse response) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ObjectNode file = AuctionJson.toTree(new Competition(
                new Auction("0", java.util.Map.of(), List.of()), response.bids()));
        root.set("bids", file.get("bids"));
        return bytes(root);
    }

    /**
     * Reads a solver's answer to an auction. Bids are read as the auction file reads them, against the auction they
     * answer; every bid's solver is set to {@code solverId}, whatever the answer says. A well-formed bid that is
     * unusable (unknown intent, limit violated) is returned for screening to judge, as in a replay.
     */
    public static SolveResponse readResponse(byte[] body, Auction auction, String solverId) throws WireFormatException {
        JsonNode root = parse(body);
        checkVersion(root);
        JsonNode bids = required(root, "bids");
        if (!bids.isArray()) {
            throw new WireFormatException("bids", "must be an array");
        }
        ArrayNode copy = MAPPER.createArrayNode();
        for (int i = 0; i < bids.size(); i++) {
            JsonNode b = bids.get(i);
            if (!b.isObject()) {
                throw new WireFormatException("bids[" + i + "]", "must be an object");
            }
            ObjectNode owned = ((ObjectNode) b).deepCopy();
            owned.put("solver", solverId);
            copy.add(owned);
        }
        ObjectNode doc = AuctionJson.toTree(new Competition(auction, List.of()));
        doc.set("bids", copy);
        try {
            return new SolveResponse(AuctionJson.fromTree(doc).bids());
        } catch (AuctionFileException e) {
            throw new WireFormatException(e.path(), e.reason());
        }
    }

    public static byte[] writeNotification(Notification n) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("auctionId", n.auctionId());
        n.bidId().ifPresent(id -> root.put("bidId", id));
        root.put("kind", n.kind().wire());
        root.put("code", n.code());
        root.put("detail", n.detail());
        n.txHash().ifPresent(tx -> root.put("txHash", tx));
        return bytes(root);
    }

    public static Notification readNotification(byte[] body) throws WireFormatException {
        JsonNode root = parse(body);
        checkVersion(root);
        Notification.Kind kind;
        try {
            kind = Notification.Kind.fromWire(text(root, "kind", ""));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("kind", e.getMessage());
        }
        return new Notification(text(root, "auctionId", ""), optionalText(root, "bidId"), kind,
                text(root, "code", ""), text(root, "detail", ""), optionalText(root, "txHash"));
    }

    private static JsonNode parse(byte[] body) throws WireFormatException {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new WireFormatException("", "the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new WireFormatException("", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WireFormatException("", "unreadable body: " + e.getMessage());
        }
    }

    private static void checkVersion(JsonNode root) throws WireFormatException {
        JsonNode v = root.path("version");
        if (!v.isMissingNode() && (!v.canConvertToInt() || v.asInt() > VERSION || v.asInt() < 1)) {
            throw new WireFormatException("version", "unsupported protocol version " + v + " (this side speaks " + VERSION + ")");
        }
    }

    private static JsonNode required(JsonNode node, String field) throws WireFormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new WireFormatException(field, "missing");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String at) throws WireFormatException {
        JsonNode v = node.get(field);
        String path = at.isEmpty() ? field : at + "." + field;
        if (v == null || !v.isTextual()) {
            throw new WireFormatException(path, v == null ? "missing" : "must be a string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) throws WireFormatException {
        return node.hasNonNull(field) ? Optional.of(text(node, field, "")) : Optional.empty();
    }

    private static long number(JsonNode node, String field, String at) throws WireFormatException {
        JsonNode v = node.get(field);
        String path = at.isEmpty() ? field : at + "." + field;
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new WireFormatException(path, v == null ? "missing" : "must be an integer");
        }
        return v.asLong();
    }

    private static BigInteger amount(JsonNode node, String field, String at) throws WireFormatException {
        String path = at + "." + field;
        JsonNode v = node.get(field);
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            throw new WireFormatException(path, v == null ? "missing" : "must be a decimal string");
        }
        String s = v.asText();
        if (!s.matches("[0-9]{1,78}")) {
            throw new WireFormatException(path, "must be a non-negative decimal integer");
        }
        return new BigInteger(s);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}

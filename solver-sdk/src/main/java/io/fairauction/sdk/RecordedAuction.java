package io.fairauction.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.json.AuctionFileException;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.solverapi.Pool;
import io.fairauction.solverapi.SolveRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A past auction to replay a solver on: what the solver was asked (auction, pools, settlement) and the bids the
 * other solvers sent. Read from a file or fetched from the collector's {@code GET /api/v1/auctions/{id}}.
 *
 * <p>Accepted shapes, so that any record of an auction replays: an auction file (docs/file-format.md, its
 * {@code bids} being the other solvers' bids); a solve request (docs/solver-api.md); or an object with an
 * {@code auction} (auction file format, or an event record with upper-case sides) beside optional
 * {@code liquidity}, {@code settlement}, {@code chainId} and bids in {@code bids}, {@code auction.bids} or
 * {@code winners[].bid} (the auction-results record).
 */
public record RecordedAuction(SolveRequest request, List<Bid> otherBids) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_SETTLEMENT = "0x0000000000000000000000000000000000000000";
    private static final int MAX_FETCH_BYTES = 64 << 20;

    public RecordedAuction {
        Objects.requireNonNull(request, "request");
        otherBids = List.copyOf(otherBids);
    }

    /** Reads a recorded auction from a file. */
    public static RecordedAuction read(Path file) throws IOException, AuctionFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(JSON.readTree(in));
        }
    }

    /** Fetches auction {@code id} from the collector at {@code collector} (e.g. {@code http://127.0.0.1:8080}). */
    public static RecordedAuction fetch(URI collector, String id) throws IOException, AuctionFileException {
        String base = collector.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/auctions/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_FETCH_BYTES + 1);
        }
        if (body.length > MAX_FETCH_BYTES) {
            throw new IOException(uri + " answered more than " + MAX_FETCH_BYTES + " bytes");
        }
        if (response.statusCode() != 200) {
            String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + text);
        }
        return parse(JSON.readTree(body));
    }

    /** Reads any of the accepted shapes. */
    public static RecordedAuction parse(JsonNode root) throws AuctionFileException {
        if (root == null || !root.isObject()) {
            throw new AuctionFileException("", "a recorded auction is a JSON object");
        }
        JsonNode auctionNode = root.has("intents") ? root : root.path("auction");
        if (!auctionNode.isObject()) {
            throw new AuctionFileException("auction", "missing: neither an auction file nor an object with an auction");
        }
        ObjectNode auction = normalise((ObjectNode) auctionNode.deepCopy());
        ArrayNode bids = JSON.createArrayNode();
        if (root != auctionNode && root.path("bids").isArray()) {
            root.path("bids").forEach(b -> bids.add(b.deepCopy()));
        }
        if (auctionNode.path("bids").isArray()) {
            auctionNode.path("bids").forEach(b -> bids.add(b.deepCopy()));
        }
        if (root.path("winners").isArray()) {
            root.path("winners").forEach(w -> {
                if (w.path("bid").isObject()) {
                    bids.add(w.path("bid").deepCopy());
                }
            });
        }
        auction.set("bids", dedupe(bids));
        Competition c = AuctionJson.fromTree(auction);
        List<Pool> pools = new ArrayList<>();
        JsonNode liquidity = root.path("liquidity");
        for (int i = 0; i < liquidity.size(); i++) {
            JsonNode p = liquidity.get(i);
            try {
                pools.add(new Pool(p.path("address").asText(), p.path("token0").asText(), p.path("token1").asText(),
                        new BigInteger(p.path("reserve0").asText()), new BigInteger(p.path("reserve1").asText()),
                        p.path("feeBps").asInt(30)));
            } catch (IllegalArgumentException e) {
                throw new AuctionFileException("liquidity[" + i + "]", String.valueOf(e.getMessage()));
            }
        }
        long deadline = root.path("deadline").asLong(root.path("deadlineMillis").asLong(0));
        String settlement = root.path("settlement").asText(NO_SETTLEMENT);
        long chainId = root.path("chainId").asLong(0);
        return new RecordedAuction(new SolveRequest(c.auction(), pools, deadline, settlement, chainId), c.bids());
    }

    /** Event records write enums by name ({@code SELL}); the file format wants the wire name ({@code sell}). */
    private static ObjectNode normalise(ObjectNode auction) {
        for (JsonNode intent : auction.path("intents")) {
            if (intent.isObject() && intent.path("side").isTextual()) {
                ((ObjectNode) intent).put("side", intent.path("side").asText().toLowerCase(Locale.ROOT));
            }
        }
        return auction;
    }

    private static ArrayNode dedupe(ArrayNode bids) {
        ArrayNode out = JSON.createArrayNode();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Iterator<JsonNode> it = bids.elements(); it.hasNext(); ) {
            JsonNode b = it.next();
            if (ids.add(b.path("id").asText())) {
                out.add(b);
            }
        }
        return out;
    }
}

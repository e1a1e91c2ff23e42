package io.fairauction.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Side;
import io.fairauction.core.testing.RandomCompetitions;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuctionJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final String VALID = """
            {"id": "42",
             "tokens": {"0x000000000000000000000000000000000000000A": {"decimals": 18, "symbol": "A", "nativePrice": "1000000000000000000"},
                        "0x000000000000000000000000000000000000000b": {"decimals": 6, "nativePrice": "330000000000000000000000000"}},
             "intents": [{"uid": "0x01", "owner": "0xaa", "side": "sell", "sellToken": "0x000000000000000000000000000000000000000a", "buyToken": "0x000000000000000000000000000000000000000b",
                          "sellAmount": "1000", "buyAmount": "900", "validTo": 1790000000, "extra": "ignored"}],
             "bids": [{"id": "b1", "solver": "S1", "trades": [{"intent": "0x01", "executedSell": "1000", "executedBuy": "950"}],
                       "interactions": [{"target": "0x000000000000000000000000000000000000000c", "value": "0", "callData": "0xabcd"}]}],
             "unknownTopLevel": [1, 2, 3]}
            """;

    @Test
    void aValidFileIsReadWithDeclaredSpellingsAndUnknownFieldsIgnored() throws Exception {
        Competition c = AuctionJson.read(VALID);
        Auction a = c.auction();
        assertThat(a.id()).isEqualTo("42");
        assertThat(a.tokens()).containsOnlyKeys("0x000000000000000000000000000000000000000A", "0x000000000000000000000000000000000000000b");
        assertThat(a.intents().get(0).sellToken()).as("resolved to the declared spelling").isEqualTo("0x000000000000000000000000000000000000000A");
        assertThat(a.intents().get(0).side()).isEqualTo(Side.SELL);
        assertThat(a.wrappedNativeToken()).isEqualTo(Auction.MAINNET_WETH);
        assertThat(c.bids().get(0).trades().get(0).executedBuy()).isEqualTo(BigInteger.valueOf(950));
        assertThat(c.bids().get(0).interactions()).hasSize(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writingThenReadingGivesTheSameCompetition(long seed) throws Exception {
        Competition c = RandomCompetitions.generateWithWireFields(seed, RandomCompetitions.Shape.small());
        String written = AuctionJson.write(c, seed % 2 == 0);
        Competition back = AuctionJson.read(written);
        assertThat(back).as("seed %d", seed).isEqualTo(c);
        // Every write branch ran: signatures, interactions, and the wrapped native token written iff not the default.
        JsonNode doc = MAPPER.readTree(written);
        assertThat(doc.at("/intents/0/signature").textValue()).as("seed %d", seed).hasSize(2 + 130);
        assertThat(doc.at("/intents/1").has("signature")).as("seed %d: no empty signature written", seed).isFalse();
        assertThat(doc.at("/bids/0/interactions").size()).as("seed %d", seed).isBetween(1, 3);
        assertThat(doc.at("/bids/1").has("interactions")).as("seed %d: no empty interaction list written", seed).isFalse();
        assertThat(doc.has("wrappedNativeToken")).as("seed %d", seed).isEqualTo(seed % 2 == 1);
        assertThat(back.auction().wrappedNativeToken()).as("seed %d", seed)
                .isEqualTo(seed % 2 == 1 ? c.auction().wrappedNativeToken() : "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    }

    static LongStream seeds() {
        return Seeds.range(20);
    }

    @Test
    void aBidWithoutTradesOrWithOddAmountsIsReadNotRejected() throws Exception {
        // Unusable bids are screened later, not errors for the file.
        Competition c = read(doc -> {
            ObjectNode trade = (ObjectNode) doc.at("/bids/0/trades/0");
            trade.put("executedBuy", "-7");
            trade.put("intent", "0x99");
            ((ArrayNode) doc.get("bids")).addObject().put("id", "b2").put("solver", "S2").putArray("trades");
            ((ObjectNode) doc.at("/bids/0/trades/0")).put("executedSell", "9".repeat(200));
        });
        assertThat(c.bids()).hasSize(2);
        assertThat(c.bids().get(0).trades().get(0).executedBuy()).isEqualTo(BigInteger.valueOf(-7));
        assertThat(c.bids().get(0).trades().get(0).executedSell()).as("beyond 256 bits").isGreaterThan(io.fairauction.core.model.U256.MAX);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("document is not JSON", "{\"id\": ", "", "not valid JSON"),
                bad("document is empty", "", "", "empty"),
                bad("document is an array", "[]", "", "must be an object"),
                bad("duplicate key", "{\"id\": \"1\", \"id\": \"2\"}", "", "Duplicate field"),
                mut("id missing", d -> d.remove("id"), "id", "required field is missing"),
                mut("id a boolean", d -> d.put("id", true), "id", "must be a string"),
                mut("id empty", d -> d.put("id", " "), "id", "must not be empty"),
                mut("tokens missing", d -> d.remove("tokens"), "tokens", "required field is missing"),
                mut("tokens an array", d -> d.putArray("tokens"), "tokens", "must be an object"),
                mut("token key not hex", d -> ((ObjectNode) d.get("tokens")).set("WETH", tok()), "tokens[\"WETH\"]", "0x-prefixed hex"),
                mut("token listed twice", d -> ((ObjectNode) d.get("tokens")).set("0x000000000000000000000000000000000000000B", tok()), "tokens[\"0x000000000000000000000000000000000000000B\"]", "listed twice"),
                mut("token not an object", d -> ((ObjectNode) d.get("tokens")).put("0x000000000000000000000000000000000000000c", 5), "tokens[\"0x000000000000000000000000000000000000000c\"]", "must be an object"),
                mut("decimals missing", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).remove("decimals"), "tokens[\"0x000000000000000000000000000000000000000b\"].decimals", "required field is missing"),
                mut("decimals too big", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("decimals", 256), "tokens[\"0x000000000000000000000000000000000000000b\"].decimals", "0..255"),
                mut("decimals fractional", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("decimals", 6.5), "tokens[\"0x000000000000000000000000000000000000000b\"].decimals", "integer"),
                mut("native price missing", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).remove("nativePrice"), "tokens[\"0x000000000000000000000000000000000000000b\"].nativePrice", "required field is missing"),
                mut("native price negative", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("nativePrice", "-1"), "tokens[\"0x000000000000000000000000000000000000000b\"].nativePrice", "0..2^256-1"),
                mut("native price not a number", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("nativePrice", "1e18"), "tokens[\"0x000000000000000000000000000000000000000b\"].nativePrice", "decimal string"),
                mut("native price over 2^256-1", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("nativePrice", BigInteger.TWO.pow(256).toString()), "tokens[\"0x000000000000000000000000000000000000000b\"].nativePrice", "0..2^256-1"),
                mut("symbol a number", d -> ((ObjectNode) d.at("/tokens/0x000000000000000000000000000000000000000b")).put("symbol", 3), "tokens[\"0x000000000000000000000000000000000000000b\"].symbol", "must be a string"),
                mut("intents missing", d -> d.remove("intents"), "intents", "required field is missing"),
                mut("intents an object", d -> d.putObject("intents"), "intents", "must be an array"),
                mut("intent not an object", d -> ((ArrayNode) d.get("intents")).add(1), "intents[1]", "must be an object"),
                mut("uid missing", d -> intent(d).remove("uid"), "intents[0].uid", "required field is missing"),
                mut("uid not hex", d -> intent(d).put("uid", "order-1"), "intents[0].uid", "0x-prefixed hex"),
                mut("uid twice", d -> ((ArrayNode) d.get("intents")).add(intent(d).deepCopy().put("uid", "0X01")), "intents[1].uid", "duplicate intent uid"),
                mut("owner missing", d -> intent(d).remove("owner"), "intents[0].owner", "required field is missing"),
                mut("side unknown", d -> intent(d).put("side", "short"), "intents[0].side", "\"sell\" or \"buy\""),
                mut("sell token unlisted", d -> intent(d).put("sellToken", "0x000000000000000000000000000000000000000f"), "intents[0].sellToken", "not listed in tokens"),
                mut("same token both sides", d -> intent(d).put("buyToken", "0x000000000000000000000000000000000000000A"), "intents[0].buyToken", "same token"),
                mut("sell amount zero", d -> intent(d).put("sellAmount", "0"), "intents[0].sellAmount", "1..2^256-1"),
                mut("buy amount missing", d -> intent(d).remove("buyAmount"), "intents[0].buyAmount", "required field is missing"),
                mut("buy amount fractional", d -> intent(d).put("buyAmount", "1.5"), "intents[0].buyAmount", "decimal string"),
                mut("buy amount a float", d -> intent(d).put("buyAmount", 1.5), "intents[0].buyAmount", "decimal string"),
                mut("validTo negative", d -> intent(d).put("validTo", -1), "intents[0].validTo", "0..4294967295"),
                mut("validTo missing", d -> intent(d).remove("validTo"), "intents[0].validTo", "required field is missing"),
                mut("signature not hex", d -> intent(d).put("signature", "sig"), "intents[0].signature", "0x-prefixed hex"),
                mut("wrapped native token not hex", d -> d.put("wrappedNativeToken", "WETH"), "wrappedNativeToken", "0x-prefixed hex"),
                mut("bids an object", d -> d.putObject("bids"), "bids", "must be an array"),
                mut("bid not an object", d -> ((ArrayNode) d.get("bids")).add("b"), "bids[1]", "must be an object"),
                mut("bid id missing", d -> bid(d).remove("id"), "bids[0].id", "required field is missing"),
                mut("bid id a number", d -> bid(d).put("id", 7), "bids[0].id", "must be a string"),
                mut("bid id twice", d -> ((ArrayNode) d.get("bids")).add(bid(d).deepCopy()), "bids[1].id", "duplicate bid id"),
                mut("solver missing", d -> bid(d).remove("solver"), "bids[0].solver", "required field is missing"),
                mut("trades missing", d -> bid(d).remove("trades"), "bids[0].trades", "required field is missing"),
                mut("trades an object", d -> bid(d).putObject("trades"), "bids[0].trades", "must be an array"),
                mut("trade intent missing", d -> trade(d).remove("intent"), "bids[0].trades[0].intent", "required field is missing"),
                mut("executed amount missing", d -> trade(d).remove("executedSell"), "bids[0].trades[0].executedSell", "required field is missing"),
                mut("executed amount not a number", d -> trade(d).put("executedBuy", "lots"), "bids[0].trades[0].executedBuy", "decimal string"),
                mut("executed amount an object", d -> trade(d).putObject("executedBuy"), "bids[0].trades[0].executedBuy", "an object"),
                mut("interaction target not hex", d -> ((ObjectNode) d.at("/bids/0/interactions/0")).put("target", "router"), "bids[0].interactions[0].target", "0x-prefixed hex"),
                mut("interaction calldata odd length", d -> ((ObjectNode) d.at("/bids/0/interactions/0")).put("callData", "0xabc"), "bids[0].interactions[0].callData", "hex bytes"),
                mut("interaction value negative", d -> ((ObjectNode) d.at("/bids/0/interactions/0")).put("value", "-1"), "bids[0].interactions[0].value", "0..2^256-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRejectedWithTheFieldAndTheReason(String what, String json, String path, String reason) {
        assertThatThrownBy(() -> AuctionJson.read(json))
                .isInstanceOfSatisfying(AuctionFileException.class, e -> {
                    assertThat(e.path()).as(what).isEqualTo(path);
                    assertThat(e.reason()).as(what).contains(reason);
                    assertThat(e.getMessage()).as(what).startsWith(path.isEmpty() ? "" : path + ": ");
                });
    }

    /** 2^256-1 and 2^256, written out rather than computed from {@code U256.MAX}. */
    private static final String TWO_POW_256_MINUS_1 =
            "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    private static final String TWO_POW_256 =
            "115792089237316195423570985008687907853269984665640564039457584007913129639936";
    private static final String TOKEN_B = "0x000000000000000000000000000000000000000b";
    /** The 39-digit spelling the native-token placeholder once had. */
    private static final String THIRTY_NINE_DIGITS = "0xEeeeeEeeeEeEeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    static Stream<Arguments> tokenAddressesThatAreNot20Bytes() {
        String reason = "a token address must be 20 bytes (0x and 40 hex digits), got %d hex digits in \"%s\"";
        String twentyOneBytes = "0x" + "ab".repeat(21);
        String nineteenBytes = "0x" + "cd".repeat(19);
        return Stream.of(
                mut("a one-byte token key", d -> ((ObjectNode) d.get("tokens")).set("0x0c", tok()),
                        "tokens[\"0x0c\"]", reason.formatted(2, "0x0c")),
                mut("a 39-digit token key", d -> ((ObjectNode) d.get("tokens")).set(THIRTY_NINE_DIGITS, tok()),
                        "tokens[\"" + THIRTY_NINE_DIGITS + "\"]", reason.formatted(39, THIRTY_NINE_DIGITS)),
                mut("a 21-byte token key", d -> ((ObjectNode) d.get("tokens")).set(twentyOneBytes, tok()),
                        "tokens[\"" + twentyOneBytes + "\"]", reason.formatted(42, twentyOneBytes)),
                mut("a short sell token", d -> intent(d).put("sellToken", "0x0a"),
                        "intents[0].sellToken", reason.formatted(2, "0x0a")),
                mut("a 39-digit buy token", d -> intent(d).put("buyToken", THIRTY_NINE_DIGITS),
                        "intents[0].buyToken", reason.formatted(39, THIRTY_NINE_DIGITS)),
                mut("a 19-byte wrapped native token", d -> d.put("wrappedNativeToken", nineteenBytes),
                        "wrappedNativeToken", reason.formatted(38, nineteenBytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenAddressesThatAreNot20Bytes")
    void aTokenAddressThatIsNot20BytesIsRejectedWithTheFieldAndTheDigitCount(String what, String json, String path,
                                                                           String reason) {
        assertThatThrownBy(() -> AuctionJson.read(json))
                .isInstanceOfSatisfying(AuctionFileException.class, e -> {
                    assertThat(e.path()).as(what).isEqualTo(path);
                    assertThat(e.reason()).as(what).isEqualTo(reason);
                    assertThat(e.getMessage()).as(what).isEqualTo(path + ": " + reason);
                });
    }

    @Test
    void twentyByteTokenAddressesAreReadInAnyLetterCase() throws Exception {
        String weth = "0xC02AAA39B223FE8D0A0E5C4F27EAD9083C756CC2";
        Competition c = read(d -> {
            d.put("wrappedNativeToken", weth);
            intent(d).put("buyToken", TOKEN_B.toUpperCase().replace("0X", "0x"));
        });
        assertThat(c.auction().wrappedNativeToken()).isEqualTo(weth);
        assertThat(c.auction().intents().get(0).buyToken()).as("resolved to the declared spelling").isEqualTo(TOKEN_B);
    }

    /** Wraps {@code VALID}'s first token in {@code depth - 1} arrays inside an unknown field: total depth {@code depth}. */
    private static String nestedTo(int depth) {
        int arrays = depth - 1; // the document object itself is one level
        return VALID.replace("\"unknownTopLevel\": [1, 2, 3]",
                "\"unknownTopLevel\": " + "[".repeat(arrays) + "]".repeat(arrays));
    }

    @Test
    void nestingIsAcceptedUpToTheProjectsLimitOf64AndRejectedAt65() throws Exception {
        assertThat(AuctionJson.read(nestedTo(64)).auction().id()).isEqualTo("42");
        assertThatThrownBy(() -> AuctionJson.read(nestedTo(65)))
                .isInstanceOfSatisfying(AuctionFileException.class, e -> {
                    assertThat(e.path()).isEmpty();
                    assertThat(e.reason()).startsWith("not valid JSON: Document nesting depth (65) exceeds the maximum "
                            + "allowed (64, from `StreamReadConstraints.getMaxNestingDepth()`)");
                });
    }

    @Test
    void jsonNumbersOfUpTo200DigitsAreReadAndLongerOnesRejected() throws Exception {
        String twoHundred = "9".repeat(200);
        Competition c = AuctionJson.read(VALID.replace("\"executedSell\": \"1000\"", "\"executedSell\": " + twoHundred));
        assertThat(c.bids().get(0).trades().get(0).executedSell()).as("read, screened later as beyond 256 bits")
                .isEqualTo(new BigInteger(TWO_POW_256));
        assertThatThrownBy(() -> AuctionJson.read(VALID.replace("\"executedSell\": \"1000\"",
                "\"executedSell\": " + twoHundred + "9")))
                .isInstanceOfSatisfying(AuctionFileException.class, e -> {
                    assertThat(e.path()).isEmpty();
                    assertThat(e.reason()).startsWith("not valid JSON: Number value length (201) exceeds the maximum "
                            + "allowed (200, from `StreamReadConstraints.getMaxNumberLength()`)");
                });
    }

    static Stream<Arguments> amountFieldsUpTo2Pow256Minus1() {
        return Stream.of(
                Arguments.of("native price", "/tokens/" + TOKEN_B, "nativePrice", "tokens[\"" + TOKEN_B + "\"].nativePrice", "0..2^256-1"),
                Arguments.of("sell amount", "/intents/0", "sellAmount", "intents[0].sellAmount", "1..2^256-1"),
                Arguments.of("buy amount", "/intents/0", "buyAmount", "intents[0].buyAmount", "1..2^256-1"),
                Arguments.of("interaction value", "/bids/0/interactions/0", "value", "bids[0].interactions[0].value", "0..2^256-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amountFieldsUpTo2Pow256Minus1")
    void anAmountOfExactly2Pow256Minus1IsReadAnd2Pow256IsRejected(String what, String pointer, String field,
                                                                   String path, String range) throws Exception {
        Competition max = read(d -> ((ObjectNode) d.at(pointer)).put(field, TWO_POW_256_MINUS_1));
        String back = AuctionJson.write(max, false);
        assertThat(back).as(what + " written back unchanged").contains("\"" + field + "\":\"" + TWO_POW_256_MINUS_1 + "\"");
        assertThatThrownBy(() -> read(d -> ((ObjectNode) d.at(pointer)).put(field, TWO_POW_256)))
                .isInstanceOfSatisfying(AuctionFileException.class, e -> {
                    assertThat(e.path()).as(what).isEqualTo(path);
                    assertThat(e.reason()).as(what).isEqualTo("must be in " + range + ", got " + TWO_POW_256);
                });
    }

    private static Arguments bad(String what, String json, String path, String reason) {
        return Arguments.of(what, json, path, reason);
    }

    private static Arguments mut(String what, Consumer<ObjectNode> change, String path, String reason) {
        try {
            ObjectNode doc = (ObjectNode) MAPPER.readTree(VALID);
            change.accept(doc);
            return Arguments.of(what, MAPPER.writeValueAsString(doc), path, reason);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Competition read(Consumer<ObjectNode> change) throws Exception {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(VALID);
        change.accept(doc);
        return AuctionJson.read(MAPPER.writeValueAsString(doc));
    }

    private static ObjectNode intent(JsonNode d) {
        return (ObjectNode) d.at("/intents/0");
    }

    private static ObjectNode bid(JsonNode d) {
        return (ObjectNode) d.at("/bids/0");
    }

    private static ObjectNode trade(JsonNode d) {
        return (ObjectNode) d.at("/bids/0/trades/0");
    }

    private static ObjectNode tok() {
        ObjectNode t = F.objectNode();
        t.put("decimals", 18);
        t.put("nativePrice", "1");
        return t;
    }
}

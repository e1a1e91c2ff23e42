package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.chain.Eip712Domain;
import io.fairauction.chain.IntentHashes;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.CancellationRequested;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;

/** The collector as a process sees it: real broker, real Anvil with the contracts deployed, HTTP in and out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectorServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger USDC = BigInteger.TEN.pow(6);

    private TestDevnet devnet;
    private EmbeddedServer collector;

    /** Funded and approved; rich enough for every accepted intent of these tests. */
    private Credentials alice;
    /** Funded, never approved the relayer. */
    private Credentials bob;
    /** Approved the relayer, holds nothing. */
    private Credentials carol;
    /** Funded and approved; used for the rate limit only. */
    private Credentials dave;
    // Owners of their own: the rate limit (8 per owner per class) must not depend on which tests ran before.
    private Credentials erin;
    private Credentials frank;
    private Credentials grace;
    /** Funded and approved; signs cancellations of intents that are not his. */
    private Credentials mallory;
    /** Funded and approved; posts pipelined intents. */
    private Credentials heidi;

    @BeforeAll
    void start() {
        devnet = new TestDevnet();
        alice = trader(0, true, true);
        bob = trader(1, true, false);
        carol = trader(2, false, true);
        dave = trader(3, true, true);
        mallory = trader(4, true, true);
        erin = trader(5, true, true);
        frank = trader(6, true, true);
        grace = trader(7, true, true);
        heidi = trader(8, true, true);
        collector = devnet.startCollector(config());
    }

    /** Eight requests at once per owner, refilled so slowly that a test never sees a refill. */
    private static Map<String, Object> config() {
        return Map.of("fair-auction.collector.rate-limit.capacity", 8,
                "fair-auction.collector.rate-limit.per-second", 0.001);
    }

    @AfterAll
    void stop() {
        if (collector != null) {
            collector.getApplicationContext().close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    private Credentials trader(int n, boolean fund, boolean approve) {
        Credentials c = TestDevnet.account(n);
        if (fund) {
            devnet.market.fund(c.getAddress(), "USDC", USDC.multiply(BigInteger.valueOf(1_000_000)));
        }
        if (approve) {
            devnet.market.approveRelayer(c, "USDC");
        }
        return c;
    }

    private long inAnHour() {
        return System.currentTimeMillis() / 1000 + 3600;
    }

    private Intent intent(Credentials owner, long sellUsdc, long validTo) {
        return devnet.market.intent(owner, Side.SELL, "USDC", "WETH", USDC.multiply(BigInteger.valueOf(sellUsdc)),
                BigInteger.TEN.pow(15), validTo);
    }

    /** The request body for a signed intent, uid left out. */
    static ObjectNode body(Intent i) {
        ObjectNode n = Intake.intentJson(i);
        n.remove("uid");
        return n;
    }

    private HttpResponse<String> post(String body) {
        return devnet.send(collector, "POST", "/api/v1/intents", body);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Every record on {@code topic} right now, read as a fresh consumer would. */
    private List<ConsumerRecord<String, String>> records(String topic) {
        try (var consumer = new KafkaConsumer<String, String>(KafkaSettings.consumer(devnet.kafka.bootstrapServers(),
                "test-reader", null))) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private long submissionsOf(String uid) {
        return records(Topics.INTENTS).stream()
                .filter(r -> r.key().equals(uid) && EventJson.read(r.value()) instanceof IntentSubmitted)
                .count();
    }

    private void publish(String topic, Event event) throws Exception {
        try (var producer = new KafkaProducer<String, String>(KafkaSettings.producer(devnet.kafka.bootstrapServers(), "test"))) {
            producer.send(new ProducerRecord<>(topic, event.key(), EventJson.write(event))).get();
        }
    }

    private JsonNode awaitStatus(EmbeddedServer server, String uid, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> r = devnet.send(server, "GET", "/api/v1/intents/" + uid, (String) null);
            if (r.statusCode() == 200 && json(r).path("state").asText().equals(state)) {
                return json(r);
            }
            assertThat(System.currentTimeMillis()).as("status %s of %s, last answer %s %s", state, uid,
                    r.statusCode(), r.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void anAcceptedIntentIsPublishedOnceEvenWhenPostedTwice() throws Exception {
        Intent i = intent(alice, 100, inAnHour());
        String expectedUid = IntentHashes.uid(i, devnet.deployment.domain());

        HttpResponse<String> first = post(body(i).toString());
        HttpResponse<String> second = post(body(i).toString());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).path("uid").asText()).isEqualTo(expectedUid);
        assertThat(json(first).path("status").asText()).isEqualTo("accepted");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(submissionsOf(expectedUid)).isEqualTo(1);
        IntentSubmitted event = records(Topics.INTENTS).stream().filter(r -> r.key().equals(expectedUid))
                .map(r -> EventJson.read(r.value(), IntentSubmitted.class)).findFirst().orElseThrow();
        assertThat(event.intent().signature()).isEqualTo(i.signature());
        assertThat(event.intent().sellAmount()).isEqualTo(i.sellAmount());
        assertThat(event.intent().uid()).isEqualTo(expectedUid);
    }

    @Test
    void concurrentRepeatsOfOneIntentPublishOneEvent() throws Exception {
        Intent i = intent(alice, 101, inAnHour());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                answers.add(pool.submit(() -> post(body(i).toString())));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(submissionsOf(IntentHashes.uid(i, devnet.deployment.domain()))).isEqualTo(1);
    }

    /** One bad input, what it is, and the code and status it must get. */
    record Bad(String name, Function<CollectorServiceTest, String> body, String code, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private String valid(Function<ObjectNode, ObjectNode> change) {
        return change.apply(body(intent(alice, 1, inAnHour()))).toString();
    }

    Stream<Arguments> badInputs() {
        String other = TestDevnet.account(9).getAddress();
        return Stream.of(
                new Bad("not JSON", t -> "{\"owner\": ", "unparsable-json", 400, null),
                new Bad("a JSON array", t -> "[1, 2]", "unparsable-json", 400, null),
                new Bad("empty body", t -> "", "unparsable-json", 400, null),
                new Bad("duplicate key", t -> t.valid(n -> n).replaceFirst("\\{", "{\"side\": \"buy\", "),
                        "unparsable-json", 400, null),
                new Bad("owner missing", t -> t.valid(n -> { n.remove("owner"); return n; }), "missing-field", 400, "owner"),
                new Bad("signature null", t -> t.valid(n -> n.putNull("signature")), "missing-field", 400, "signature"),
                new Bad("amount as a JSON number", t -> t.valid(n -> n.put("sellAmount", 1000)), "mistyped-field", 400,
                        "sellAmount"),
                new Bad("negative amount", t -> t.valid(n -> n.put("buyAmount", "-5")), "mistyped-field", 400, "buyAmount"),
                new Bad("side in capitals", t -> t.valid(n -> n.put("side", "SELL")), "mistyped-field", 400, "side"),
                new Bad("short address", t -> t.valid(n -> n.put("buyToken", "0x1234")), "mistyped-field", 400, "buyToken"),
                new Bad("validTo as a string", t -> t.valid(n -> n.put("validTo", "1900000000")), "mistyped-field", 400,
                        "validTo"),
                new Bad("signature not hex", t -> t.valid(n -> n.put("signature", "0xzz")), "mistyped-field", 400,
                        "signature"),
                new Bad("unknown field", t -> t.valid(n -> n.put("sellAmout", "1")), "unknown-field", 400, "sellAmout"),
                new Bad("zero sell amount", t -> t.valid(n -> n.put("sellAmount", "0")), "zero-amount", 422, "sellAmount"),
                new Bad("buy amount 2^256", t -> t.valid(n -> n.put("buyAmount", U256.MAX.add(BigInteger.ONE).toString())),
                        "amount-too-large", 422, "buyAmount"),
                new Bad("same sell and buy token", t -> t.valid(n -> n.put("buyToken", n.get("sellToken").asText())),
                        "same-token", 422, "buyToken"),
                new Bad("unknown token", t -> t.valid(n -> n.put("buyToken", other)), "unknown-token", 422, "buyToken"),
                new Bad("validTo in the past", t -> t.signed(t.alice, System.currentTimeMillis() / 1000 - 10),
                        "expired", 422, "validTo"),
                new Bad("validTo closer than the minimum", t -> t.signed(t.alice, System.currentTimeMillis() / 1000 + 2),
                        "expired", 422, "validTo"),
                new Bad("validTo two days ahead", t -> t.signed(t.alice, System.currentTimeMillis() / 1000 + 2 * 86_400),
                        "valid-to-too-far", 422, "validTo"),
                new Bad("signed for another chain, uid given", t -> t.otherDomain(true), "wrong-domain", 422, "uid"),
                new Bad("signed for another chain, no uid", t -> t.otherDomain(false), "bad-signature", 422, "signature"),
                new Bad("signed by someone else", t -> t.signedBy(t.mallory), "bad-signature", 422, "signature"),
                new Bad("amount changed after signing", t -> t.valid(n -> n.put("buyAmount", "1")), "bad-signature", 422,
                        "signature"),
                new Bad("signature of 64 bytes", t -> t.valid(n -> n.put("signature",
                        n.get("signature").asText().substring(0, 130))), "bad-signature", 422, "signature"),
                new Bad("contract owner", t -> t.contractOwner(), "contract-owner-unsupported", 422, "owner"),
                new Bad("owner without balance", t -> t.signed(t.carol, t.inAnHour()), "insufficient-balance", 422,
                        "sellAmount"),
                new Bad("owner without relayer allowance", t -> t.signed(t.bob, t.inAnHour()), "insufficient-allowance",
                        422, "sellAmount"),
                new Bad("body over 16 KiB", t -> t.valid(n -> n) + " ".repeat(16 * 1024), "body-too-large", 413, null),
                new Bad("body over the server cap", t -> " ".repeat(2 * 1024 * 1024), "body-too-large", 413, null))
                .map(Arguments::of);
    }

    private String signed(Credentials owner, long validTo) {
        return body(intent(owner, 1, validTo)).toString();
    }

    private String signedBy(Credentials signer) {
        Intent i = intent(alice, 1, inAnHour());
        String forged = IntentSignatures.sign(IntentHashes.digest(i, devnet.deployment.domain()), signer.getEcKeyPair());
        return body(i).put("signature", forged).toString();
    }

    private String otherDomain(boolean withUid) {
        Intent i = intent(alice, 1, inAnHour());
        Eip712Domain mainnet = Eip712Domain.of(1, devnet.deployment.settlement());
        Intent elsewhere = IntentSignatures.sign(i, alice.getEcKeyPair(), mainnet);
        ObjectNode n = body(elsewhere);
        if (withUid) {
            n.put("uid", elsewhere.uid());
        }
        return n.toString();
    }

    private String contractOwner() {
        // The Settlement contract as owner: no key can sign for it.
        ObjectNode n = body(intent(alice, 1, inAnHour()));
        return n.put("owner", devnet.deployment.settlement()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void everyBadInputGetsItsCodeAndStatus(Bad bad) {
        long before = submissions();
        HttpResponse<String> r = post(bad.body().apply(this));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(bad.status());
        JsonNode body = json(r);
        assertThat(body.path("code").asText()).as(r.body()).isEqualTo(bad.code());
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.has("field")).isTrue();
        assertThat(body.get("field").isNull() ? null : body.get("field").asText()).isEqualTo(bad.field());
        assertThat(submissions()).isEqualTo(before);
        assertThat(metric("collector_rejected_total", bad.code())).isPositive();
    }

    private long submissions() {
        return records(Topics.INTENTS).size();
    }

    /** The Prometheus count of {@code name} with tag code = {@code code}, summed over the other tags. */
    private double metric(String name, String code) {
        String text = devnet.send(collector, "GET", "/prometheus", (String) null).body();
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains("code=\"" + code + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void tooManyRequestsFromOneOwnerAreRefused() {
        for (int k = 0; k < 8; k++) {
            HttpResponse<String> r = post(body(intent(dave, 10 + k, inAnHour())).toString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> r = post(body(intent(dave, 20, inAnHour())).toString());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(json(r).path("code").asText()).isEqualTo("rate-limited");
        assertThat(json(r).path("field").asText()).isEqualTo("owner");
    }

    @Test
    void cancellationsArePublishedOnlyWhenSignedByTheOwnerOfALiveIntent() throws Exception {
        Intent i = intent(alice, 200, inAnHour());
        String uid = json(post(body(i).toString())).path("uid").asText();
        Eip712Domain domain = devnet.deployment.domain();

        HttpResponse<String> malformed = devnet.send(collector, "DELETE", "/api/v1/intents/0x1234", "{}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("code").asText()).isEqualTo("malformed-uid");

        String unknownUid = "0x" + "ab".repeat(32);
        HttpResponse<String> unknown = devnet.send(collector, "DELETE", "/api/v1/intents/" + unknownUid,
                sig(IntentSignatures.signCancellation(unknownUid, alice.getEcKeyPair(), domain)));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("code").asText()).isEqualTo("unknown-intent");

        HttpResponse<String> garbage = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid,
                sig("0x" + "11".repeat(64) + "00"));
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(json(garbage).path("code").asText()).isEqualTo("bad-signature");

        HttpResponse<String> notMissing = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid, "{}");
        assertThat(json(notMissing).path("code").asText()).isEqualTo("missing-field");

        HttpResponse<String> notOwner = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid,
                sig(IntentSignatures.signCancellation(uid, mallory.getEcKeyPair(), domain)));
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(json(notOwner).path("code").asText()).isEqualTo("not-owner");

        HttpResponse<String> wrongDomain = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid,
                sig(IntentSignatures.signCancellation(uid, alice.getEcKeyPair(),
                        Eip712Domain.of(1, devnet.deployment.settlement()))));
        assertThat(wrongDomain.statusCode()).isEqualTo(403);
        assertThat(cancellationsOf(uid)).isZero();

        String good = sig(IntentSignatures.signCancellation(uid, alice.getEcKeyPair(), domain));
        HttpResponse<String> ok = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid, good);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(json(ok).path("status").asText()).isEqualTo("cancellation-requested");
        HttpResponse<String> again = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid, good);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(ok.body());
        assertThat(cancellationsOf(uid)).isEqualTo(1);
        CancellationRequested c = records(Topics.INTENTS).stream().filter(r -> r.key().equals(uid))
                .map(r -> EventJson.read(r.value())).filter(e -> e instanceof CancellationRequested)
                .map(CancellationRequested.class::cast).findFirst().orElseThrow();
        assertThat(c.owner()).isEqualToIgnoringCase(alice.getAddress());
        assertThat(IntentSignatures.recover(IntentHashes.cancellationDigest(uid, domain), c.signature()))
                .contains(alice.getAddress().toLowerCase());
    }

    @Test
    void aFinalIntentCannotBeCancelled() throws Exception {
        Intent i = intent(frank, 300, inAnHour());
        String uid = json(post(body(i).toString())).path("uid").asText();
        IntentStatus settled = new IntentStatus(uid, IntentStatus.State.SETTLED, List.of(
                new IntentStatus.Step(IntentStatus.State.OPEN, 1, null, null, null, null, null, "submitted"),
                new IntentStatus.Step(IntentStatus.State.SETTLED, 2, 7L, "s/b", "0xabc", i.sellAmount(),
                        BigInteger.valueOf(999), null)));
        publish(Topics.INTENT_STATUS, settled);
        awaitStatus(collector, uid, "settled");

        HttpResponse<String> r = devnet.send(collector, "DELETE", "/api/v1/intents/" + uid,
                sig(IntentSignatures.signCancellation(uid, frank.getEcKeyPair(), devnet.deployment.domain())));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).path("code").asText()).isEqualTo("intent-final");
        assertThat(cancellationsOf(uid)).isZero();
    }

    private long cancellationsOf(String uid) {
        return records(Topics.INTENTS).stream()
                .filter(r -> r.key().equals(uid) && EventJson.read(r.value()) instanceof CancellationRequested)
                .count();
    }

    private static String sig(String signature) {
        return "{\"signature\": \"" + signature + "\"}";
    }

    @Test
    void theStatusViewIsRebuiltFromTheTopicsAfterARestart() throws Exception {
        Intent i = intent(erin, 400, inAnHour());
        String uid = json(post(body(i).toString())).path("uid").asText();
        JsonNode open = awaitStatus(collector, uid, "open");
        assertThat(open.path("intent").path("sellAmount").asText()).isEqualTo(i.sellAmount().toString());
        assertThat(open.path("history").get(0).path("state").asText()).isEqualTo("open");

        IntentStatus inAuction = new IntentStatus(uid, IntentStatus.State.IN_AUCTION, List.of(
                new IntentStatus.Step(IntentStatus.State.OPEN, 1, null, null, null, null, null, "submitted"),
                new IntentStatus.Step(IntentStatus.State.IN_AUCTION, 2, 11L, null, null, null, null, null)));
        publish(Topics.INTENT_STATUS, inAuction);
        publish(Topics.AUCTION_RESULTS, new AuctionClosed(11, "fair", JSON.createObjectNode().put("welfare", "5"),
                List.of(), 3, 1234, false));
        awaitStatus(collector, uid, "in-auction");

        collector.getApplicationContext().close();
        collector = devnet.startCollector(config());

        JsonNode after = awaitStatus(collector, uid, "in-auction");
        assertThat(after.path("history")).hasSize(2);
        assertThat(after.path("history").get(1).path("auctionId").asLong()).isEqualTo(11);
        assertThat(after.path("intent").path("signature").asText()).isEqualTo(i.signature());
        HttpResponse<String> auction = devnet.send(collector, "GET", "/api/v1/auctions/11", (String) null);
        assertThat(auction.statusCode()).isEqualTo(200);
        assertThat(json(auction).path("result").path("welfare").asText()).isEqualTo("5");
        assertThat(json(auction).path("bidsReceived").asInt()).isEqualTo(3);
        // A repeat after the restart is still a repeat: answered 200, not published again.
        HttpResponse<String> repeat = post(body(i).toString());
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(submissionsOf(uid)).isEqualTo(1);
    }

    @Test
    void collectorsSideBySideShareTheTopicsOnly() throws Exception {
        EmbeddedServer second = devnet.startCollector(config());
        try {
            Intent i = intent(grace, 500, inAnHour());
            HttpResponse<String> first = post(body(i).toString());
            assertThat(first.statusCode()).isEqualTo(201);
            String uid = json(first).path("uid").asText();

            awaitStatus(second, uid, "open");
            HttpResponse<String> again = devnet.send(second, "POST", "/api/v1/intents", body(i).toString());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(submissionsOf(uid)).isEqualTo(1);

            HttpResponse<String> cancel = devnet.send(second, "DELETE", "/api/v1/intents/" + uid,
                    sig(IntentSignatures.signCancellation(uid, grace.getEcKeyPair(), devnet.deployment.domain())));
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            assertThat(cancellationsOf(uid)).isEqualTo(1);
        } finally {
            second.getApplicationContext().close();
        }
    }

    @Test
    void readEndpointsAnswerWithCodes() {
        HttpResponse<String> tokens = devnet.send(collector, "GET", "/api/v1/tokens", (String) null);
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonNode list = json(tokens);
        assertThat(list).hasSize(devnet.deployment.tokens().size());
        assertThat(list.get(0).path("symbol").asText()).isEqualTo(devnet.deployment.tokens().get(0).symbol());
        assertThat(list.get(0).path("decimals").asInt()).isEqualTo(devnet.deployment.tokens().get(0).decimals());

        assertCode(devnet.send(collector, "GET", "/api/v1/intents/nope", (String) null), 400, "malformed-uid");
        assertCode(devnet.send(collector, "GET", "/api/v1/intents/0x" + "cd".repeat(32), (String) null), 404,
                "unknown-intent");
        assertCode(devnet.send(collector, "GET", "/api/v1/auctions/-3", (String) null), 400, "malformed-auction-id");
        assertCode(devnet.send(collector, "GET", "/api/v1/auctions/987654", (String) null), 404, "unknown-auction");
    }

    private static void assertCode(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).path("code").asText()).isEqualTo(code);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        HttpResponse<String> health = devnet.send(collector, "GET", "/health", (String) null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> openapi = devnet.send(collector, "GET", "/swagger/fair-auction-intent-collector-1.0.yml",
                (String) null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/intents/{uid}").contains("/api/v1/tokens");
        assertThat(post("{}").statusCode()).isEqualTo(400);
        assertThat(post(" ".repeat(2 * 1024 * 1024)).statusCode()).as("over the server's own cap").isEqualTo(413);
        HttpResponse<String> prometheus = devnet.send(collector, "GET", "/prometheus", (String) null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        for (String[] timed : new String[][] {{"submit", "400"}, {"post", "413"}}) {
            assertThat(prometheus.body().lines().filter(l -> l.startsWith("collector_requests_seconds_count{")
                    && l.contains("operation=\"" + timed[0] + "\"") && l.contains("status=\"" + timed[1] + "\"")))
                    .as("requests timed by operation and status: %s %s", timed[0], timed[1]).singleElement()
                    .satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).isPositive());
        }
    }

    // POST /api/v1/intents is answered by SubmitRoute, not Micronaut's router; the same POST with a query string goes
    // through the router to IntentController. The router's answers are the independent expectation for the route's.
    private static final String ROUTER = "/api/v1/intents?via=router";

    private RawHttp.Response rawPost(String target, String body, String... headers) {
        try (RawHttp c = new RawHttp(collector.getPort())) {
            return c.send(RawHttp.request("POST", target, "HTTP/1.1", body, headers)).read();
        }
    }

    private long routeTaken() {
        return collector.getApplicationContext().getBean(SubmitRoute.class).taken();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void everyBadInputGetsTheSameAnswerFromTheSubmitRouteAsFromTheRouter(Bad bad) {
        String body = bad.body().apply(this);
        boolean overTheCap = body.length() > 16 * 1024;
        RawHttp.Response route = null;
        RawHttp.Response router = null;
        // Refusals of validTo quote the current second: a pair straddling a second boundary is asked again.
        for (int attempt = 0; attempt < 2 && (route == null || !route.withoutDate().equals(router.withoutDate())); attempt++) {
            long before = routeTaken();
            route = rawPost("/api/v1/intents", body, "Content-Type: application/json");
            assertThat(routeTaken() - before).as("answered by the route").isEqualTo(overTheCap ? 0 : 1);
            router = rawPost(ROUTER, body, "Content-Type: application/json");
            assertThat(routeTaken() - before).as("the router's request is not the route's").isEqualTo(overTheCap ? 0 : 1);
        }
        assertThat(route.status()).as(route.body()).isEqualTo(bad.status());
        assertThat(route.withoutDate()).isEqualTo(router.withoutDate());
    }

    /** Variants of HTTP/1.x connection handling: the route must leave them to Micronaut's pipelining handler. */
    static Stream<Arguments> connectionVariants() {
        return Stream.of(Arguments.of("HTTP/1.1", new String[0]), Arguments.of("HTTP/1.1", new String[] {"Connection: close"}),
                Arguments.of("HTTP/1.0", new String[0]), Arguments.of("HTTP/1.0", new String[] {"Connection: keep-alive"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("connectionVariants")
    void theRouteKeepsOrClosesConnectionsAsTheRouterDoes(String version, String[] headers) {
        List<String> answers = new ArrayList<>();
        List<Boolean> closed = new ArrayList<>();
        for (String target : List.of("/api/v1/intents", ROUTER)) {
            try (RawHttp c = new RawHttp(collector.getPort())) {
                answers.add(c.send(RawHttp.request("POST", target, version, "{}", headers)).read().withoutDate());
                closed.add(c.closedByServer());
            }
        }
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
        assertThat(closed.get(0)).isEqualTo(closed.get(1));
    }

    @Test
    void pipelinedAndKeptAliveRequestsAreAnsweredInRequestOrder() throws Exception {
        Intent first = intent(heidi, 600, inAnHour());
        Intent second = intent(heidi, 601, inAnHour());
        Eip712Domain domain = devnet.deployment.domain();
        long before = routeTaken();
        try (RawHttp c = new RawHttp(collector.getPort())) {
            // The first answer waits for the broker's ack; the router's fast answers behind it must wait their turn.
            c.send(RawHttp.request("POST", "/api/v1/intents", "HTTP/1.1", body(first).toString()),
                    RawHttp.request("GET", "/api/v1/tokens", "HTTP/1.1", null),
                    RawHttp.request("POST", "/api/v1/intents", "HTTP/1.1", "{}"),
                    RawHttp.request("POST", ROUTER, "HTTP/1.1", body(second).toString()),
                    RawHttp.request("POST", "/api/v1/intents", "HTTP/1.1", body(first).toString()),
                    RawHttp.request("GET", "/api/v1/auctions/-3", "HTTP/1.1", null));
            RawHttp.Response accepted = c.read();
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            assertThat(JSON.readTree(accepted.body()).path("uid").asText()).isEqualTo(IntentHashes.uid(first, domain));
            RawHttp.Response tokens = c.read();
            assertThat(tokens.status()).isEqualTo(200);
            assertThat(JSON.readTree(tokens.body()).get(0).path("symbol").asText())
                    .isEqualTo(devnet.deployment.tokens().get(0).symbol());
            RawHttp.Response missing = c.read();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(JSON.readTree(missing.body()).path("code").asText()).isEqualTo("missing-field");
            RawHttp.Response viaRouter = c.read();
            assertThat(viaRouter.status()).as(viaRouter.body()).isEqualTo(201);
            assertThat(JSON.readTree(viaRouter.body()).path("uid").asText()).isEqualTo(IntentHashes.uid(second, domain));
            RawHttp.Response repeat = c.read();
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(accepted.body());
            RawHttp.Response auction = c.read();
            assertThat(auction.status()).isEqualTo(400);
            assertThat(JSON.readTree(auction.body()).path("code").asText()).isEqualTo("malformed-auction-id");

            // Kept alive: one at a time on the same connection, then a request that asks to close it.
            RawHttp.Response array = c.send(RawHttp.request("POST", "/api/v1/intents", "HTTP/1.1", "[1]")).read();
            assertThat(JSON.readTree(array.body()).path("code").asText()).isEqualTo("unparsable-json");
            assertThat(c.send(RawHttp.request("GET", "/api/v1/tokens", "HTTP/1.1", null)).read().status()).isEqualTo(200);
            RawHttp.Response last = c.send(RawHttp.request("POST", "/api/v1/intents", "HTTP/1.1", "{}",
                    "Connection: close")).read();
            assertThat(last.status()).isEqualTo(400);
            assertThat(last.headers()).contains("connection: close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(routeTaken() - before).as("route requests: 3 pipelined, 2 kept alive").isEqualTo(5);
        assertThat(submissionsOf(IntentHashes.uid(first, domain))).isEqualTo(1);
        assertThat(submissionsOf(IntentHashes.uid(second, domain))).isEqualTo(1);
    }
}

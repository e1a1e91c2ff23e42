package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.IntentHashes;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentSubmitted;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Fuzzes the intake (the code behind {@code POST /api/v1/intents} and {@code DELETE}) with raw bodies and with
 * mutations of correctly signed intents: never a 5xx, never an exception, and whatever is accepted is a
 * well-formed intent whose signature recovers to its owner under the deployment's domain (checked with the chain
 * toolkit and Jackson directly, not with the collector's parser), published once.
 *
 * <p>Fuzzing mode: the surefire execution {@code fuzz} sets {@code JAZZER_FUZZ=1} for this class only and the
 * run is bounded by {@code maxExecutions}; elsewhere (e.g. an IDE) it runs in regression mode over the seeds.
 */
class IntakeFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW_MILLIS = 1_800_000_000_000L;
    private static final String SETTLEMENT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String RELAYER = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String WETH = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String USDC = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
    private static final Deployment DEPLOYMENT = new Deployment(31337, "http://127.0.0.1:8545", 1, RELAYER,
            List.of(), SETTLEMENT, RELAYER, RELAYER, RELAYER,
            List.of(new Deployment.TokenInfo("WETH", WETH, 18), new Deployment.TokenInfo("USDC", USDC, 6)), List.of());
    private static final ECKeyPair KEY = Credentials.create(
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d").getEcKeyPair();
    private static final String OWNER = Credentials.create(KEY).getAddress().toLowerCase(Locale.ROOT);
    private static final List<Intent> SEEDS = List.of(
            IntentSignatures.sign(new Intent("0x", OWNER, Side.SELL, USDC, WETH, BigInteger.valueOf(3_000_000_000L),
                    BigInteger.TEN.pow(18), NOW_MILLIS / 1000 + 600, ""), KEY, DEPLOYMENT.domain()),
            IntentSignatures.sign(new Intent("0x", OWNER, Side.BUY, WETH, USDC, BigInteger.TEN.pow(18),
                    BigInteger.valueOf(2_900_000_000L), NOW_MILLIS / 1000 + 3600, ""), KEY, DEPLOYMENT.domain()),
            IntentSignatures.sign(new Intent("0x", OWNER, Side.SELL, WETH, USDC, U256.MAX, BigInteger.ONE,
                    NOW_MILLIS / 1000 + 86_000, ""), KEY, DEPLOYMENT.domain()));
    private static final List<String> FIELDS = List.of("owner", "side", "sellToken", "buyToken", "sellAmount",
            "buyAmount", "validTo", "signature", "uid", "extra");

    private final List<String> published = new ArrayList<>();
    private final Intake intake = new Intake(DEPLOYMENT, IntakeSettings.defaults().withRate(1_000_000, 1_000_000),
            new ChainState() {
                @Override
                public BigInteger balanceOf(String token, String owner) {
                    return U256.MAX;
                }

                @Override
                public BigInteger allowance(String token, String owner, String spender) {
                    return U256.MAX;
                }

                @Override
                public boolean isContract(String account) {
                    return false;
                }
            },
            (topic, key, value) -> {
                published.add(value);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }, new IntentView(),
            new OwnerRateLimiter(1_000_000, 1_000_000, System::nanoTime), () -> NOW_MILLIS, IntakeMetrics.NONE);

    @FuzzTest(maxExecutions = 2_000)
    void intakeNeverFailsAndNeverAcceptsAMalformedIntent(FuzzedDataProvider data) throws Exception {
        byte[] body;
        int mode = data.consumeInt(0, 3);
        if (mode == 0) {
            body = data.consumeRemainingAsBytes();
        } else {
            ObjectNode n = Intake.intentJson(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)));
            if (data.consumeBoolean()) {
                n.remove("uid");
            }
            int changes = data.consumeInt(0, 3);
            for (int k = 0; k < changes; k++) {
                String field = FIELDS.get(data.consumeInt(0, FIELDS.size() - 1));
                switch (data.consumeInt(0, 6)) {
                    case 0 -> n.remove(field);
                    case 1 -> n.put(field, data.consumeString(80));
                    case 2 -> n.put(field, data.consumeLong());
                    case 3 -> n.putNull(field);
                    case 4 -> n.put(field, new BigInteger(1, data.consumeBytes(40)).toString());
                    case 5 -> n.set(field, JSON.createArrayNode().add(data.consumeInt()));
                    default -> {
                        // flip one hex digit of a string field
                        JsonNode v = n.get(field);
                        if (v != null && v.isTextual() && v.asText().length() > 2) {
                            char[] c = v.asText().toCharArray();
                            int at = data.consumeInt(2, c.length - 1);
                            c[at] = "0123456789abcdef".charAt(data.consumeInt(0, 15));
                            n.put(field, new String(c));
                        }
                    }
                }
            }
            String text = n.toString();
            if (mode == 3) {
                // cut or extend the text itself
                text = text.substring(0, data.consumeInt(0, text.length())) + data.consumeRemainingAsString();
            }
            body = text.getBytes(StandardCharsets.UTF_8);
        }

        int before = published.size();
        Answer submit = intake.submit(body).join();
        assertThat(submit.status()).as(submit.json()).isLessThan(500);
        if (submit.status() == 200 || submit.status() == 201) {
            assertWellFormedAndSigned(body, submit);
        } else {
            assertThat(submit.status()).isBetween(400, 499);
            assertThat(submit.body().path("code").asText()).isNotEmpty();
            assertThat(published).hasSize(before);
        }

        Answer cancel = intake.cancel(data.consumeString(70), body);
        assertThat(cancel.status()).as(cancel.json()).isLessThan(500);
        Answer status = intake.status(data.consumeString(70));
        assertThat(status.status()).isLessThan(500);
        Answer auction = intake.auction(data.consumeString(25));
        assertThat(auction.status()).isLessThan(500);
    }

    /** What an accepted body must be, checked independently of the collector's parser. */
    private void assertWellFormedAndSigned(byte[] body, Answer answer) throws Exception {
        JsonNode n = JSON.readTree(body);
        assertThat(n.isObject()).isTrue();
        Set<String> allowed = Set.of("owner", "side", "sellToken", "buyToken", "sellAmount", "buyAmount", "validTo",
                "signature", "uid");
        n.fieldNames().forEachRemaining(f -> assertThat(allowed).contains(f));
        for (String f : List.of("owner", "side", "sellToken", "buyToken", "sellAmount", "buyAmount", "signature")) {
            assertThat(n.path(f).isTextual()).as(f).isTrue();
        }
        assertThat(n.path("validTo").isIntegralNumber()).isTrue();
        BigInteger sell = new BigInteger(n.get("sellAmount").asText());
        BigInteger buy = new BigInteger(n.get("buyAmount").asText());
        assertThat(U256.isPositive(sell) && U256.isPositive(buy)).isTrue();
        String sellToken = n.get("sellToken").asText().toLowerCase(Locale.ROOT);
        String buyToken = n.get("buyToken").asText().toLowerCase(Locale.ROOT);
        assertThat(Set.of(WETH, USDC)).contains(sellToken, buyToken);
        assertThat(sellToken).isNotEqualTo(buyToken);
        long validTo = n.get("validTo").asLong();
        assertThat(validTo).isBetween(NOW_MILLIS / 1000 + 5, NOW_MILLIS / 1000 + 86_400);
        Intent intent = new Intent("0x", n.get("owner").asText(), Side.fromWire(n.get("side").asText()), sellToken,
                buyToken, sell, buy, validTo, n.get("signature").asText());
        String uid = IntentHashes.uid(intent, DEPLOYMENT.domain());
        if (n.has("uid") && !n.get("uid").isNull()) {
            assertThat(n.get("uid").asText().toLowerCase(Locale.ROOT)).isEqualTo(uid);
        }
        assertThat(IntentSignatures.recover(IntentHashes.digest(intent, DEPLOYMENT.domain()), intent.signature()))
                .contains(n.get("owner").asText().toLowerCase(Locale.ROOT));
        assertThat(answer.body().path("uid").asText()).isEqualTo(uid);
        long events = published.stream().map(v -> EventJson.read(v, IntentSubmitted.class))
                .filter(e -> e.intent().uid().equals(uid)).count();
        assertThat(events).isEqualTo(1);
    }
}

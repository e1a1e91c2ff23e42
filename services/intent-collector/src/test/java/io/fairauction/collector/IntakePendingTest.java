package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.Deployment;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.events.Topics;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The collector remembers what it published until its view (built from the topic) has it, so a repeat is answered
 * 200 and published no second time in between; once the view has caught up the entry is dropped at once, not when
 * some size threshold is crossed (a scan of the whole table on every submission made the intake quadratic).
 */
class IntakePendingTest {
    private static final long NOW_MILLIS = 1_800_000_000_000L;
    private static final String WETH = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String USDC = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
    private static final String RELAYER = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final Deployment DEPLOYMENT = new Deployment(31337, "http://127.0.0.1:8545", 1, RELAYER,
            List.of(), "0x5fbdb2315678afecb367f032d93f642f64180aa3", RELAYER, RELAYER, RELAYER,
            List.of(new Deployment.TokenInfo("WETH", WETH, 18), new Deployment.TokenInfo("USDC", USDC, 6)), List.of());
    private static final Credentials OWNER = Credentials.create(
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    private final List<String> published = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final IntentView view = new IntentView();
    private boolean brokerDown;
    private final Intake intake = new Intake(DEPLOYMENT, IntakeSettings.defaults().withRate(1_000_000, 1_000_000)
            .withCheckBalances(false), null, (topic, key, value) -> {
                if (brokerDown) {
                    return CompletableFuture.failedFuture(new Publisher.Failed("broker down", null));
                }
                keys.add(key);
                published.add(value);
                return CompletableFuture.completedFuture(null);
            }, view, new OwnerRateLimiter(1_000_000, 1_000_000, System::nanoTime), () -> NOW_MILLIS,
            IntakeMetrics.NONE);

    @Test
    void repeatsArePublishedOnceAndCaughtUpIntentsAreForgotten() {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(body(i));
        }
        for (byte[] b : bodies) {
            assertThat(intake.submit(b).join().status()).isEqualTo(201);
        }
        assertThat(intake.pendingCount()).as("the view has none of them yet").isEqualTo(50);
        for (byte[] b : bodies) {
            assertThat(intake.submit(b).join().status()).as("repeat before the view has it").isEqualTo(200);
        }
        assertThat(published).hasSize(50);

        published.forEach(v -> view.apply(Topics.INTENTS, v));
        assertThat(intake.submit(body(50)).join().status()).isEqualTo(201);
        assertThat(intake.pendingCount()).as("only the intent the view has not read yet").isEqualTo(1);
        for (byte[] b : bodies) {
            assertThat(intake.submit(b).join().status()).as("repeat after the view has it").isEqualTo(200);
        }
        assertThat(published).hasSize(51);
    }

    @Test
    void theViewTakesItsOwnWritesAsWrittenAndParsesAnyOtherRecordUnderTheSameKey() {
        for (int i = 0; i < 3; i++) {
            assertThat(intake.submit(body(i)).join().status()).isEqualTo(201);
        }
        assertThat(view.writingCount()).as("announced before publishing").isEqualTo(3);
        // Another collector published intent 0 first, received at another time: its bytes differ from ours.
        String theirs = published.get(0).replace(Long.toString(NOW_MILLIS), Long.toString(NOW_MILLIS - 7));
        assertThat(theirs).isNotEqualTo(published.get(0));
        view.apply(Topics.INTENTS, keys.get(0), theirs);
        assertThat(view.intent(keys.get(0)).orElseThrow().receivedAtMillis()).isEqualTo(NOW_MILLIS - 7);
        assertThat(view.writingCount()).as("a record with other bytes is not ours").isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            view.apply(Topics.INTENTS, keys.get(i), published.get(i));
        }
        assertThat(view.writingCount()).as("each write forgotten once read back").isZero();
        assertThat(view.intent(keys.get(0)).orElseThrow().receivedAtMillis())
                .as("the first record of an intent wins, ours being second").isEqualTo(NOW_MILLIS - 7);
        for (int i = 1; i < 3; i++) {
            IntentView.Entry e = view.intent(keys.get(i)).orElseThrow();
            assertThat(e.receivedAtMillis()).isEqualTo(NOW_MILLIS);
            assertThat(Intake.intentJson(e.intent()).toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(body(i));
        }
    }

    @Test
    void aWriteTheBrokerDidNotAcknowledgeIsNotAnnouncedToTheView() {
        brokerDown = true;
        assertThat(intake.submit(body(0)).join().status()).isEqualTo(503);
        assertThat(view.writingCount()).isZero();
        assertThat(intake.pendingCount()).isZero();
    }

    @Test
    void concurrentRepeatsOfOneIntentSpendTheOwnersRateOnceAndAllGetTheFirstAnswer() throws Exception {
        byte[] body = body(7);
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int trial = 0; trial < 100; trial++) {
                // One submission per owner allowed, and the broker's acknowledgement held until every repeat is in.
                CompletableFuture<Void> ack = new CompletableFuture<>();
                List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
                Intake limited = new Intake(DEPLOYMENT, IntakeSettings.defaults().withCheckBalances(false), null,
                        (topic, key, value) -> {
                            sent.add(key);
                            return ack;
                        }, new IntentView(), new OwnerRateLimiter(1, 1e-9, System::nanoTime), () -> NOW_MILLIS,
                        IntakeMetrics.NONE);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<CompletableFuture<Answer>>> submitted = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    submitted.add(pool.submit(() -> {
                        start.await();
                        return limited.submit(body);
                    }));
                }
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (var f : submitted) {
                    answers.add(f.get());
                }
                ack.complete(null);
                List<Integer> statuses = answers.stream().map(a -> a.join().status()).sorted().toList();
                assertThat(statuses).as("trial %d", trial).containsExactly(200, 200, 200, 200, 200, 200, 200, 201);
                assertThat(sent).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] body(int i) {
        Intent intent = IntentSignatures.sign(new Intent("0x", OWNER.getAddress(), Side.SELL, USDC, WETH,
                BigInteger.valueOf(1_000_000L + i), BigInteger.TEN.pow(15), NOW_MILLIS / 1000 + 600, ""),
                OWNER.getEcKeyPair(), DEPLOYMENT.domain());
        return Intake.intentJson(intent).toString().getBytes(StandardCharsets.UTF_8);
    }
}

package io.fairauction.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.SettlementRecorded;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The auctioneer as a process on a real broker and a real Anvil: intents go from submitted to settled on chain, and
 * crashes (SIGKILL mid-round, the leader killed with a follower standing by, the broker restarted) lose nothing and
 * settle nothing twice. Each test uses its own traders, so the tests share one broker and chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuctioneerProcessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private Path dir;
    private Harness h;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        h = new Harness(dir);
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @Test
    void anIntentGoesFromSubmittedToSettledWithTheAwardedAmountOnChain() throws Exception {
        Credentials trader = h.trader(0);
        BigInteger usdcBefore = h.market.balance("USDC", trader.getAddress());
        try (AuctioneerProcess a = AuctioneerProcess.start(dir, "happy", h.config("happy", 3000))) {
            Intent intent = h.submit(trader, BigInteger.TEN.pow(18), h.chainNow() + 600);
            IntentStatus settled = awaitState(intent.uid(), IntentStatus.State.SETTLED, a);
            IntentStatus.Step last = settled.last();
            assertThat(last.txHash()).startsWith("0x");
            // The trader's balance change is exactly what the status says was executed, and at least the limit.
            BigInteger received = h.market.balance("USDC", trader.getAddress()).subtract(usdcBefore);
            assertThat(received).isEqualTo(last.executedBuy());
            assertThat(received).isGreaterThanOrEqualTo(intent.buyAmount());
            assertThat(settled.history()).extracting(IntentStatus.Step::state)
                    .containsSubsequence(IntentStatus.State.OPEN, IntentStatus.State.IN_AUCTION,
                            IntentStatus.State.WON, IntentStatus.State.SETTLED);
            SettlementRecorded record = h.seen(SettlementRecorded.class).stream()
                    .filter(r -> r.txHash() != null && r.txHash().equals(last.txHash())).findFirst().orElseThrow();
            assertThat(record.status()).isEqualTo(SettlementRecorded.Status.MINED);
            assertThat(record.gasUsed()).isPositive();
        }
    }

    @Test
    void killedMidRoundAndRestartedNoIntentIsSettledTwiceAndNoneIsLost() throws Exception {
        List<Intent> intents = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            intents.add(h.submit(h.trader(n), BigInteger.TEN.pow(17).multiply(BigInteger.valueOf(n)), h.chainNow() + 600));
        }
        int opened = h.seen(AuctionOpened.class).size();
        AuctioneerProcess first = AuctioneerProcess.start(dir, "crash-1", h.config("crash-1", 3000));
        // SIGKILL as soon as a round is open: the round is half done (no result, maybe bids).
        await(() -> h.seen(AuctionOpened.class).size() > opened, first);
        first.kill9();
        int closedAtCrash = h.seen(AuctionClosed.class).size();
        try (AuctioneerProcess second = AuctioneerProcess.start(dir, "crash-2", h.config("crash-2", 3000))) {
            for (Intent i : intents) {
                awaitState(i.uid(), IntentStatus.State.SETTLED, second);
            }
            // The restarted auctioneer closed (abandoned or completed) the round the first one left open.
            assertThat(h.seen(AuctionClosed.class).size()).isGreaterThan(closedAtCrash);
        }
        for (Intent i : intents) {
            assertSettledExactlyOnce(i);
        }
        assertNoIntentInTwoConcurrentAuctions();
    }

    @Test
    void killingTheLeaderHandsTheRoundsToTheFollower() throws Exception {
        try (AuctioneerProcess a = AuctioneerProcess.start(dir, "lead-a", h.config("lead-a", 2000));
             AuctioneerProcess b = AuctioneerProcess.start(dir, "lead-b", h.config("lead-b", 2000))) {
            Intent before = h.submit(h.trader(6), BigInteger.TEN.pow(17), h.chainNow() + 600);
            awaitState(before.uid(), IntentStatus.State.SETTLED, a);
            AuctioneerProcess leader = leading(a) ? a : b;
            AuctioneerProcess follower = leader == a ? b : a;
            assertThat(leading(follower)).isFalse();
            leader.kill9();
            long killedAt = System.currentTimeMillis();
            Intent after = h.submit(h.trader(7), BigInteger.TEN.pow(17), h.chainNow() + 600);
            awaitState(after.uid(), IntentStatus.State.SETTLED, follower);
            assertThat(leading(follower)).isTrue();
            System.out.printf("leader killed; follower settled a new intent %d ms later%n", System.currentTimeMillis() - killedAt);
            assertSettledExactlyOnce(before);
            assertSettledExactlyOnce(after);
        }
        assertNoIntentInTwoConcurrentAuctions();
    }

    @Test
    void theBrokerStoppedAndRestartedMidStreamLosesNoAcceptedIntent() throws Exception {
        try (AuctioneerProcess a = AuctioneerProcess.start(dir, "broker", h.config("broker", 3000))) {
            Intent first = h.submit(h.trader(8), BigInteger.TEN.pow(17), h.chainNow() + 600);
            h.kafka.stop();
            Harness.sleep(2000);
            h.kafka.restart();
            Intent second = h.submit(h.trader(9), BigInteger.TEN.pow(17), h.chainNow() + 600);
            awaitState(first.uid(), IntentStatus.State.SETTLED, a);
            awaitState(second.uid(), IntentStatus.State.SETTLED, a);
            assertSettledExactlyOnce(first);
            assertSettledExactlyOnce(second);
        }
    }

    @Test
    void anIntentPastItsValidToIsExpiredNotAuctioned() throws Exception {
        try (AuctioneerProcess a = AuctioneerProcess.start(dir, "expiry", h.config("expiry", 3000))) {
            // Valid for two more seconds: too short for any auction (margin 5 s), then past.
            Intent intent = h.submit(h.trader(11), BigInteger.TEN.pow(17), h.chainNow() + 2);
            Harness.sleep(2500);
            h.chain.advanceTime(5);
            IntentStatus status = awaitState(intent.uid(), IntentStatus.State.EXPIRED, a);
            assertThat(status.history()).extracting(IntentStatus.Step::state).doesNotContain(IntentStatus.State.IN_AUCTION);
        }
    }

    private boolean leading(AuctioneerProcess p) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        // On a busy machine a process may run rounds before its HTTP server listens: wait for the server.
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                var response = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + p.port + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return response.body().contains("\"leading\":true");
            } catch (java.net.ConnectException e) {
                if (System.currentTimeMillis() > until) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void assertSettledExactlyOnce(Intent intent) {
        String uid = intent.uid().toLowerCase(Locale.ROOT);
        long mined = h.seen(SettlementRecorded.class).stream()
                .filter(r -> r.status() == SettlementRecorded.Status.MINED)
                .flatMap(r -> r.trades().stream())
                .filter(t -> t.uid().equalsIgnoreCase(uid)).map(SettlementRecorded.ExecutedTrade::uid).count();
        assertThat(mined).as("settlement records of %s", uid).isEqualTo(1);
        // On chain: one Trade event for the uid (the contract refuses a second fill, but check what happened).
        assertThat(io.fairauction.chain.SettlementClient.tradeLogs(h.chain, h.deployment.settlement(), uid)).hasSize(1);
        IntentStatus status = latest(uid).orElseThrow();
        assertThat(status.history().stream().filter(s -> s.state() == IntentStatus.State.SETTLED)).hasSize(1);
    }

    /** No intent is ever in an auction that opened before the previous auction holding it closed. */
    private void assertNoIntentInTwoConcurrentAuctions() {
        Map<Long, AuctionClosed> closed = new HashMap<>();
        h.seen(AuctionClosed.class).forEach(c -> closed.put(c.auctionId(), c));
        Map<String, AuctionOpened> lastOf = new HashMap<>();
        List<AuctionOpened> opened = h.seen(AuctionOpened.class).stream()
                .sorted(java.util.Comparator.comparingLong(AuctionOpened::auctionId)).toList();
        for (AuctionOpened o : opened) {
            for (Intent i : o.auction().intents()) {
                AuctionOpened previous = lastOf.put(i.uid().toLowerCase(Locale.ROOT), o);
                if (previous != null) {
                    AuctionClosed c = closed.get(previous.auctionId());
                    assertThat(c).as("auction %d holding %s closed before auction %d", previous.auctionId(), i.uid(), o.auctionId()).isNotNull();
                    assertThat(c.closedAtMillis()).isLessThanOrEqualTo(o.openedAtMillis());
                }
            }
        }
    }

    private Optional<IntentStatus> latest(String uid) {
        List<IntentStatus> all = h.seen(IntentStatus.class);
        IntentStatus found = null;
        for (IntentStatus s : all) {
            if (s.uid().equalsIgnoreCase(uid)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    private IntentStatus awaitState(String uid, IntentStatus.State state, AuctioneerProcess p) throws Exception {
        await(() -> latest(uid).map(s -> s.state() == state).orElse(false), p);
        return latest(uid).orElseThrow();
    }

    private void await(BooleanSupplier condition, AuctioneerProcess p) throws Exception {
        long until = System.currentTimeMillis() + PATIENCE.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("condition not met within " + PATIENCE.toSeconds() + " s; auctioneer log:\n" + p.logTail());
            }
            Thread.sleep(50);
        }
    }
}

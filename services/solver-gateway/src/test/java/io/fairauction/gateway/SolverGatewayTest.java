package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.INTENT_1;
import static io.fairauction.gateway.Fixtures.NOT_IN_AUCTION;
import static io.fairauction.gateway.Fixtures.RELAYER;
import static io.fairauction.gateway.Fixtures.SETTLEMENT;
import static io.fairauction.gateway.Fixtures.calling;
import static io.fairauction.gateway.Fixtures.onIntent1;
import static io.fairauction.gateway.Fixtures.onIntent2;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Trade;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One auction against nine solvers, each a real HTTP server behaving as one test case: the honest solver's bids
 * are published as accepted, every misbehaving solver gets its own rejection code on {@code bids} and in a
 * {@code /notify} call, and every record is published before the auction's deadline.
 */
class SolverGatewayTest {
    private static final int CAP_BYTES = 64 * 1024;
    private static final int MAX_BIDS = 2;
    /** Long enough for the record to reach the gateway on a loaded machine; the slow solver sleeps well past it. */
    private static final long DEADLINE_IN = 5_000;

    /**
     * Wider than the 50 ms default: this machine is shared and loaded, and a timer thread can wake 100 ms late. The
     * property under test is that the gateway stops at deadline - margin and publishes by the deadline.
     */
    private static final long MARGIN = 300;

    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
        producer = Fixtures.producer(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        kafka.close();
    }

    private static byte[] answer(Bid... bids) {
        return WireJson.writeResponse(new SolveResponse(Arrays.asList(bids)));
    }

    @Test
    void honestBidsAreAcceptedAndEveryMisbehaviourIsRejectedWithItsCodeBeforeTheDeadline() throws Exception {
        List<TestSolver> solvers = new ArrayList<>();
        TestSolver honest = new TestSolver("honest", "honest-secret", payout(1),
                (req, s) -> TestSolver.Reply.signed(s, answer(onIntent1("b1", 950), onIntent2("b2", 1900))));
        TestSolver slow = new TestSolver("slow", "slow-secret", payout(2), (req, s) -> {
            Thread.sleep(DEADLINE_IN + 3_000);
            return TestSolver.Reply.signed(s, answer(onIntent1("s1", 999)));
        });
        TestSolver garbage = new TestSolver("garbage", "garbage-secret", payout(3),
                (req, s) -> TestSolver.Reply.signed(s, "{\"bids\": [ {\"id\": \"g1\", \"trades\": 7} ]}".getBytes(StandardCharsets.UTF_8)));
        TestSolver stranger = new TestSolver("stranger", "stranger-secret", payout(4), (req, s) -> TestSolver.Reply.signed(s,
                answer(new Bid("x1", "", List.of(new Trade(NOT_IN_AUCTION, BigInteger.valueOf(1000), BigInteger.valueOf(950)))))));
        TestSolver violator = new TestSolver("violator", "violator-secret", payout(5),
                (req, s) -> TestSolver.Reply.signed(s, answer(onIntent1("v1", 899))));
        // Cap of 2 bids: g1 accepted, g2 calls the relayer, g3 is over the cap.
        TestSolver greedy = new TestSolver("greedy", "greedy-secret", payout(6), (req, s) -> TestSolver.Reply.signed(s,
                answer(onIntent1("g1", 960), calling(onIntent2("g2", 1950), RELAYER), onIntent2("g3", 1960))));
        TestSolver forger = new TestSolver("forger", "forger-secret", payout(7), (req, s) ->
                new TestSolver.Reply(200, answer(onIntent1("f1", 1000)), s.id, "not-the-secret", false));
        TestSolver huge = new TestSolver("huge", "huge-secret", payout(8), (req, s) -> {
            List<Bid> many = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                many.add(onIntent1("h" + i, 950));
            }
            byte[] body = answer(many.toArray(Bid[]::new));
            assertThat(body.length).isGreaterThan(CAP_BYTES);
            return new TestSolver.Reply(200, body, s.id, s.secret, true); // chunked: no Content-Length to go by
        });
        TestSolver broken = new TestSolver("broken", "broken-secret", payout(9),
                (req, s) -> new TestSolver.Reply(503, "overloaded".getBytes(StandardCharsets.UTF_8), null, null, false));
        solvers.addAll(List.of(honest, slow, garbage, stranger, violator, greedy, forger, huge, broken));
        List<SolverEndpoint> endpoints = new ArrayList<>(solvers.stream().map(TestSolver::endpointConfig).toList());
        // Down: nothing listens on this port (it is taken and released).
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        endpoints.add(new SolverEndpoint("down", URI.create("http://127.0.0.1:" + deadPort), "down-secret", payout(10)));

        GatewayConfig config = GatewayConfig.of(endpoints, RELAYER).withLimits(MAX_BIDS, CAP_BYTES)
                .withGroups("gw-main", "gw-main-notify").withDeadlineMargin(MARGIN);
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
        try (Gateway gateway = new Gateway(config, kafka.bootstrapServers(), metrics, "gw-main").start()) {
            Fixtures.warmUp(gateway, producer, 100);
            long deadline = System.currentTimeMillis() + DEADLINE_IN;
            AuctionOpened opened = Fixtures.opened(101, deadline);
            Fixtures.publish(producer, Topics.AUCTIONS, opened);

            // honest 2 + slow 1 + garbage 1 + stranger 1 + violator 1 + greedy 3 + forger 1 + huge 1 + broken 1 + down 1
            int expected = 13;
            List<ConsumerRecord<String, String>> records = Fixtures.read(kafka.bootstrapServers(), Topics.BIDS,
                    r -> r.size() >= expected, Duration.ofSeconds(30));
            assertThat(records).hasSize(expected);
            // Every record is published, and stamped, no later than the deadline.
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo("101");
                assertThat(r.timestamp()).isLessThanOrEqualTo(deadline);
            });
            List<Event> events = records.stream().map(r -> EventJson.read(r.value())).toList();

            List<BidAccepted> accepted = events.stream().filter(BidAccepted.class::isInstance).map(BidAccepted.class::cast)
                    .sorted(java.util.Comparator.comparing(a -> a.bid().id())).toList();
            assertThat(accepted).extracting(a -> a.bid().id()).containsExactly("greedy/g1", "honest/b1", "honest/b2");
            BidAccepted b1 = accepted.get(1);
            assertThat(b1.auctionId()).isEqualTo(101);
            assertThat(b1.solverId()).isEqualTo("honest");
            assertThat(b1.solverBidId()).isEqualTo("b1");
            assertThat(b1.payout()).isEqualTo(payout(1));
            assertThat(b1.bid().solver()).isEqualTo("honest");
            assertThat(b1.bid().trades()).containsExactly(new Trade(INTENT_1, BigInteger.valueOf(1000), BigInteger.valueOf(950)));
            assertThat(b1.receivedAtMillis()).isLessThanOrEqualTo(deadline);

            Map<String, String> codes = new TreeMap<>();
            events.stream().filter(BidRejected.class::isInstance).map(BidRejected.class::cast)
                    .forEach(r -> codes.put(r.solverId() + "/" + (r.solverBidId() == null ? "*" : r.solverBidId()), r.code()));
            assertThat(codes).isEqualTo(new TreeMap<>(Map.of(
                    "slow/*", "late",
                    "garbage/*", "malformed",
                    "stranger/x1", "unknown-intent",
                    "violator/v1", "screened",
                    "greedy/g2", "bad-interaction",
                    "greedy/g3", "over-cap",
                    "forger/*", "unauthenticated",
                    "huge/*", "too-large",
                    "broken/*", "unreachable",
                    "down/*", "unreachable")));
            BidRejected violation = events.stream().filter(BidRejected.class::isInstance).map(BidRejected.class::cast)
                    .filter(r -> r.solverId().equals("violator")).findFirst().orElseThrow();
            assertThat(violation.detail()).contains("limit-violated");
            BidRejected malformed = events.stream().filter(BidRejected.class::isInstance).map(BidRejected.class::cast)
                    .filter(r -> r.solverId().equals("garbage")).findFirst().orElseThrow();
            assertThat(malformed.detail()).contains("bids[0]");

            // The request each solver got is the auction, signed (the servers refuse unsigned ones), with its deadline.
            assertThat(honest.forged).isEmpty();
            assertThat(honest.requests).hasSize(1);
            assertThat(honest.requests.get(0).deadlineMillis()).isEqualTo(deadline);
            assertThat(honest.requests.get(0).settlement()).isEqualTo(SETTLEMENT);
            assertThat(honest.requests.get(0).auction().intents()).hasSize(2);
            assertThat(honest.requests.get(0).liquidity()).hasSize(1);

            // Every misbehaving solver is told, with the code and its own bid id; the honest one hears nothing.
            Map<String, TestSolver> byId = solvers.stream().collect(Collectors.toMap(s -> s.id, s -> s));
            assertThat(Fixtures.eventually(() -> codes.entrySet().stream().allMatch(e -> {
                String solver = e.getKey().substring(0, e.getKey().indexOf('/'));
                return solver.equals("down") || byId.get(solver).notifications(Notification.Kind.REJECTED).stream()
                        .anyMatch(n -> n.code().equals(e.getValue())
                                && n.bidId().orElse("*").equals(e.getKey().substring(solver.length() + 1)));
            }), Duration.ofSeconds(10))).as("rejection notices").isTrue();
            assertThat(honest.notifications).isEmpty();
            assertThat(violator.notifications.get(0).auctionId()).isEqualTo("101");

            // Counted per solver and code.
            assertThat(metrics.count("gateway.bids", "solver", "honest", "code", "accepted")).isEqualTo(2);
            assertThat(metrics.count("gateway.bids", "solver", "forger", "code", "unauthenticated")).isEqualTo(1);
            assertThat(metrics.count("gateway.answers", "solver", "slow", "code", "late")).isEqualTo(1);
            assertThat(metrics.count("gateway.answers", "solver", "down", "code", "unreachable")).isEqualTo(1);
            assertThat(metrics.count("gateway.notifications", "solver", "violator", "kind", "rejected", "result", "sent"))
                    .isEqualTo(1);
        } finally {
            solvers.forEach(TestSolver::close);
        }
    }

    @Test
    void anAuctionWhoseDeadlineHasPassedIsNotSentToSolvers() throws Exception {
        try (TestSolver honest = new TestSolver("honest", "honest-secret", payout(1),
                (req, s) -> TestSolver.Reply.signed(s, answer(onIntent1("b1", 950))))) {
            GatewayConfig config = GatewayConfig.of(List.of(honest.endpointConfig()), RELAYER).withGroups("gw-expired", "gw-expired-notify");
            GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
            try (Gateway gateway = new Gateway(config, kafka.bootstrapServers(), metrics, "gw-expired").start()) {
                // The warm-up auction is one whose deadline has passed: the gateway must skip it.
                Fixtures.warmUp(gateway, producer, 202);
                Thread.sleep(300);
                // Only auction 202 is this test's: the group also reads the other test's auctions from the topic's
                // start, and one of those may still be before its deadline when this test runs soon after it.
                assertThat(honest.requests).noneMatch(r -> r.auction().id().equals("202"));
                assertThat(metrics.count("gateway.auctions", "outcome", "expired")).isPositive();
            }
        }
    }
}

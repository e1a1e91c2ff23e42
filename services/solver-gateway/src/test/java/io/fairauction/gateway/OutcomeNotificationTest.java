package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.RELAYER;
import static io.fairauction.gateway.Fixtures.onIntent1;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairauction.core.model.Bid;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.EventJson;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.fairauction.solverapi.Notification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Outcomes reach the solver whose bid it was, named by the solver's own bid id: won, lost, filtered (with the
 * filter code), settled (with the tx), reverted (with the decoded error). Solvers other gateways serve hear nothing,
 * and two gateways of one notify group send each notification once.
 */
class OutcomeNotificationTest {
    private static final String TX_MINED = "0x" + "ab".repeat(32);
    private static final String TX_REVERTED = "0x" + "cd".repeat(32);

    private static BidAccepted accepted(long auction, String solver, String own, String payout) {
        Bid b = onIntent1(own, 950);
        return new BidAccepted(auction, solver, own, payout,
                new Bid(BidAccepted.bidId(solver, own), solver, b.trades(), b.interactions()), 1L);
    }

    @Test
    void eachSolverHearsWhatBecameOfItsOwnBidsOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             KafkaProducer<String, String> producer = Fixtures.producer(kafka.bootstrapServers());
             TestSolver alpha = new TestSolver("alpha", "alpha-secret", payout(1), (r, s) -> null);
             TestSolver beta = new TestSolver("beta", "beta-secret", payout(2), (r, s) -> null);
             TestSolver gamma = new TestSolver("gamma", "gamma-secret", payout(3), (r, s) -> null)) {
            // gamma is a solver of some other gateway group: not in this configuration.
            GatewayConfig config = GatewayConfig.of(List.of(alpha.endpointConfig(), beta.endpointConfig()), RELAYER)
                    .withGroups("gw-outcomes", "gw-outcomes-notify");
            try (Gateway one = new Gateway(config, kafka.bootstrapServers(), new GatewayMetrics(new SimpleMeterRegistry()), "gw-o1").start();
                 Gateway two = new Gateway(config, kafka.bootstrapServers(), new GatewayMetrics(new SimpleMeterRegistry()), "gw-o2").start()) {
                // Both listen (a new notify group starts at the end of the topics), between them to all six partitions.
                assertThat(Fixtures.eventually(() -> !one.outcomePartitions().isEmpty() && !two.outcomePartitions().isEmpty()
                        && one.outcomePartitions().size() + two.outcomePartitions().size() == 6, Duration.ofSeconds(30))).isTrue();
                JsonNode result = EventJson.mapper().readTree("""
                        {"auction": "301", "mechanism": "fair-combinatorial",
                         "winners": ["beta/w1", "alpha/a1"],
                         "filtered": {"alpha/a2": {"code": "unfair", "intent": "%s", "detail": "1790 < reference 1900 (solver beta)"}},
                         "scores": {"alpha/a1": "50", "alpha/a2": "40", "alpha/a3": "10", "beta/l1": "5", "beta/w1": "100",
                                    "gamma/g1": "1"},
                         "totalScore": "150"}""".formatted(Fixtures.INTENT_2));
                AuctionClosed closed = new AuctionClosed(301, "fair-combinatorial", result,
                        List.of(accepted(301, "beta", "w1", payout(2)), accepted(301, "alpha", "a1", payout(1))), 6,
                        System.currentTimeMillis(), false);
                Fixtures.publish(producer, Topics.AUCTION_RESULTS, closed);
                long now = System.currentTimeMillis();
                Fixtures.publish(producer, Topics.SETTLEMENTS,
                        new SettlementRecorded(301, "alpha/a1", "alpha", SettlementRecorded.Status.MINED, TX_MINED, 154_321,
                                List.of(new SettlementRecorded.ExecutedTrade(Fixtures.INTENT_1, payout(0xa1),
                                        java.math.BigInteger.valueOf(1000), java.math.BigInteger.valueOf(950))), null, null, now),
                        new SettlementRecorded(301, "beta/w1", "beta", SettlementRecorded.Status.REVERTED, TX_REVERTED, 60_000,
                                List.of(), "LimitViolated(" + Fixtures.INTENT_1 + ")", payout(0xa1), now),
                        new SettlementRecorded(302, "alpha/z9", "alpha", SettlementRecorded.Status.DROPPED, null, 0,
                                List.of(), "IntentFilled(" + Fixtures.INTENT_2 + ")", null, now),
                        new SettlementRecorded(302, "gamma/g1", "gamma", SettlementRecorded.Status.MINED, TX_MINED, 1,
                                List.of(), null, null, now));

                assertThat(Fixtures.eventually(() -> alpha.notifications.size() >= 5 && beta.notifications.size() >= 3,
                        Duration.ofSeconds(30))).isTrue();
                Thread.sleep(1_000); // anything sent twice would arrive by now

                assertThat(alpha.notifications).containsExactlyInAnyOrder(
                        new Notification("301", Optional.of("a1"), Notification.Kind.WON, "won",
                                "won auction 301 with score 50; settlement follows", Optional.empty()),
                        new Notification("301", Optional.of("a2"), Notification.Kind.FILTERED, "unfair",
                                "unfair (intent " + Fixtures.INTENT_2 + "): 1790 < reference 1900 (solver beta)", Optional.empty()),
                        new Notification("301", Optional.of("a3"), Notification.Kind.LOST, "lost",
                                "not selected: score 10, winners' total score 150", Optional.empty()),
                        new Notification("301", Optional.of("a1"), Notification.Kind.SETTLED, "mined",
                                "settled in " + TX_MINED + " (gas 154321, 1 trades)", Optional.of(TX_MINED)),
                        new Notification("302", Optional.of("z9"), Notification.Kind.REVERTED, "IntentFilled",
                                "settlement not sent (it would revert): IntentFilled(" + Fixtures.INTENT_2 + ")", Optional.empty()));
                assertThat(beta.notifications).extracting(Notification::kind, Notification::bidId, Notification::code)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(Notification.Kind.WON, Optional.of("w1"), "won"),
                                org.assertj.core.groups.Tuple.tuple(Notification.Kind.LOST, Optional.of("l1"), "lost"),
                                org.assertj.core.groups.Tuple.tuple(Notification.Kind.REVERTED, Optional.of("w1"), "LimitViolated"));
                Notification reverted = beta.notifications(Notification.Kind.REVERTED).get(0);
                assertThat(reverted.txHash()).contains(TX_REVERTED);
                assertThat(reverted.detail()).contains("LimitViolated(" + Fixtures.INTENT_1 + ")").contains("trader " + payout(0xa1));
                assertThat(gamma.notifications).isEmpty();
                assertThat(alpha.forged).isEmpty();
                assertThat(beta.forged).isEmpty();
            }
        }
    }
}

package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.RELAYER;
import static io.fairauction.gateway.Fixtures.onIntent1;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.EventJson;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Two gateways in one consumer group split the auctions between them: every auction is handled once. */
class GatewayScaleOutTest {
    @Test
    void twoGatewaysInOneGroupSplitAuctionsWithoutDuplicates() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             KafkaProducer<String, String> producer = Fixtures.producer(kafka.bootstrapServers());
             TestSolver honest = new TestSolver("honest", "honest-secret", payout(1), (req, s) -> TestSolver.Reply.signed(s,
                     WireJson.writeResponse(new SolveResponse(List.of(onIntent1("b" + req.auction().id(), 950))))))) {
            GatewayConfig config = GatewayConfig.of(List.of(honest.endpointConfig()), RELAYER).withGroups("gw-scale", "gw-scale-notify");
            GatewayMetrics m1 = new GatewayMetrics(new SimpleMeterRegistry());
            GatewayMetrics m2 = new GatewayMetrics(new SimpleMeterRegistry());
            try (Gateway one = new Gateway(config, kafka.bootstrapServers(), m1, "gw-s1").start();
                 Gateway two = new Gateway(config, kafka.bootstrapServers(), m2, "gw-s2").start()) {
                assertThat(Fixtures.eventually(() -> {
                    Set<TopicPartition> a = one.auctionPartitions();
                    Set<TopicPartition> b = two.auctionPartitions();
                    Set<TopicPartition> all = new HashSet<>(a);
                    all.addAll(b);
                    return !a.isEmpty() && !b.isEmpty() && all.size() == 3 && a.size() + b.size() == 3;
                }, Duration.ofSeconds(30))).as("both gateways own auction partitions").isTrue();

                // Two auctions on each of the three partitions (the producer's partitioner: murmur2 of the key).
                int partitions = Topics.spec(Topics.AUCTIONS).orElseThrow().partitions();
                int[] perPartition = new int[partitions];
                List<Long> ids = new ArrayList<>();
                for (long id = 400; ids.size() < 2 * partitions; id++) {
                    int p = Utils.toPositive(Utils.murmur2(Long.toString(id).getBytes(StandardCharsets.UTF_8))) % partitions;
                    if (perPartition[p] < 2) {
                        perPartition[p]++;
                        ids.add(id);
                    }
                }
                long deadline = System.currentTimeMillis() + 8_000;
                for (long id : ids) {
                    AuctionOpened opened = Fixtures.opened(id, deadline);
                    Fixtures.publish(producer, Topics.AUCTIONS, opened);
                }

                List<ConsumerRecord<String, String>> records = Fixtures.read(kafka.bootstrapServers(), Topics.BIDS,
                        r -> r.size() >= ids.size(), Duration.ofSeconds(30));
                // Let a duplicate, if any, arrive.
                Thread.sleep(1_000);
                records = Fixtures.read(kafka.bootstrapServers(), Topics.BIDS, r -> r.size() > ids.size(), Duration.ofSeconds(2));
                List<Long> auctions = records.stream().map(r -> EventJson.read(r.value(), BidAccepted.class))
                        .map(BidAccepted::auctionId).sorted().toList();
                assertThat(auctions).containsExactlyElementsOf(ids.stream().sorted().toList());
                assertThat(honest.requests).extracting(SolveRequest::auction).extracting(a -> Long.parseLong(a.id()))
                        .containsExactlyInAnyOrderElementsOf(ids);
                double solvedOne = m1.count("gateway.auctions", "outcome", "solved");
                double solvedTwo = m2.count("gateway.auctions", "outcome", "solved");
                assertThat(solvedOne).as("auctions solved by the first gateway").isGreaterThanOrEqualTo(2);
                assertThat(solvedTwo).as("auctions solved by the second gateway").isGreaterThanOrEqualTo(2);
                assertThat(solvedOne + solvedTwo).isEqualTo(ids.size());
            }
        }
    }
}

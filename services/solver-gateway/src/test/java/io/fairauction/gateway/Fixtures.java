package io.fairauction.gateway;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** An auction of two intents, bids for it, and helpers to publish and read topics. */
final class Fixtures {
    static final String TOKEN_A = "0x00000000000000000000000000000000000000aa";
    static final String TOKEN_B = "0x00000000000000000000000000000000000000bb";
    static final String SETTLEMENT = "0x5e7713e17e5e7713e17e5e7713e17e5e7713e17e";
    static final String RELAYER = "0x4e1a7e4e1a7e4e1a7e4e1a7e4e1a7e4e1a7e4e1a";
    static final String POOL = "0x9001000000000000000000000000000000009001";
    static final String INTENT_1 = "0x" + "01".repeat(56);
    static final String INTENT_2 = "0x" + "02".repeat(56);
    static final String NOT_IN_AUCTION = "0x" + "99".repeat(56);
    static final long CHAIN_ID = 31337;

    private Fixtures() {
    }

    static String payout(int n) {
        return String.format("0x%040x", n);
    }

    static Auction auction(long id) {
        Token a = new Token(TOKEN_A, 18, "A", BigInteger.TEN.pow(18));
        Token b = new Token(TOKEN_B, 18, "B", BigInteger.TEN.pow(18));
        // Sell 1000 A for at least 900 B; sell 2000 B for at least 1800 A.
        Intent i1 = new Intent(INTENT_1, payout(0xa1), Side.SELL, TOKEN_A, TOKEN_B, BigInteger.valueOf(1000),
                BigInteger.valueOf(900), 4_000_000_000L, "");
        Intent i2 = new Intent(INTENT_2, payout(0xa2), Side.SELL, TOKEN_B, TOKEN_A, BigInteger.valueOf(2000),
                BigInteger.valueOf(1800), 4_000_000_000L, "");
        return new Auction(Long.toString(id), Map.of(TOKEN_A, a, TOKEN_B, b), List.of(i1, i2));
    }

    static AuctionOpened opened(long id, long deadlineMillis) {
        Pool pool = new Pool(POOL, TOKEN_A, TOKEN_B, BigInteger.TEN.pow(24), BigInteger.TEN.pow(24), 30);
        return new AuctionOpened(id, auction(id), List.of(pool), System.currentTimeMillis(), deadlineMillis, SETTLEMENT, CHAIN_ID);
    }

    /** A bid on intent 1 that respects its limit (receives {@code buy} >= 900). */
    static Bid onIntent1(String id, long buy) {
        return new Bid(id, "", List.of(new Trade(INTENT_1, BigInteger.valueOf(1000), BigInteger.valueOf(buy))));
    }

    static Bid onIntent2(String id, long buy) {
        return new Bid(id, "", List.of(new Trade(INTENT_2, BigInteger.valueOf(2000), BigInteger.valueOf(buy))));
    }

    static Bid calling(Bid bid, String target) {
        return new Bid(bid.id(), bid.solver(), bid.trades(), List.of(new Interaction(target, BigInteger.ZERO, "0x")));
    }

    /** A producer for the records the other services would write; the caller closes it. */
    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(KafkaSettings.producer(bootstrap, "test-publisher"));
    }

    static void publish(KafkaProducer<String, String> p, String topic, Event... events) throws Exception {
        for (Event e : events) {
            p.send(new ProducerRecord<>(topic, e.key(), EventJson.write(e))).get();
        }
    }

    /**
     * Waits until the gateway owns every auction partition and has read up to the topic's end (an auction already
     * over is published and must be seen skipped), so a test's deadline measures the gateway, not a cold consumer.
     */
    static void warmUp(Gateway gateway, KafkaProducer<String, String> p, long auctionId) throws Exception {
        if (!eventually(() -> gateway.auctionPartitions().size() == 3, Duration.ofSeconds(30))) {
            throw new AssertionError("the gateway got no auction partitions");
        }
        double before = gateway.metrics().count("gateway.auctions", "outcome", "expired");
        publish(p, Topics.AUCTIONS, opened(auctionId, System.currentTimeMillis() - 1));
        if (!eventually(() -> gateway.metrics().count("gateway.auctions", "outcome", "expired") > before, Duration.ofSeconds(30))) {
            throw new AssertionError("the gateway did not read the warm-up auction");
        }
    }

    /** Reads {@code topic} from the beginning until {@code done} holds of what was read, or the timeout passes. */
    static List<ConsumerRecord<String, String>> read(String bootstrap, String topic,
                                                     Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, "test-reader", null))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < Topics.spec(topic).orElseThrow().partitions(); i++) {
                parts.add(new TopicPartition(topic, i));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long end = System.currentTimeMillis() + timeout.toMillis();
            while (!done.test(out) && System.currentTimeMillis() < end) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /** Polls {@code condition} until it holds or the timeout passes. */
    static boolean eventually(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}

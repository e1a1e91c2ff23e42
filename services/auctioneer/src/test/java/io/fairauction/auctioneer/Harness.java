package io.fairauction.auctioneer;

import io.fairauction.chain.Anvil;
import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.web3j.crypto.Credentials;

/**
 * A real broker and a real chain with the contracts deployed, plus what stands in for the other services on the
 * topics: traders' intents go to {@code intents} as the collector writes them, and a pool-routing solver answers
 * every auction on {@code bids} as the gateway writes them. Everything the auctioneer does is read back from the
 * topics and the chain.
 */
final class Harness implements AutoCloseable {
    final EmbeddedKafka kafka;
    final Anvil anvil;
    final Chain chain;
    final Deployment deployment;
    final DevMarket market;
    final Path deploymentFile;
    final Path dir;
    final List<Event> seen = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final Set<Long> answered = new HashSet<>();
    static final String SOLVER_PAYOUT = DevAccounts.account(5).getAddress();

    Harness(Path dir) throws IOException {
        this.dir = dir;
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        anvil = Anvil.start();
        chain = Chain.connect(anvil.rpcUrl());
        Credentials deployer = DevAccounts.account(DevAccounts.DEPLOYER);
        deployment = new Deployer(chain, deployer).deploy(DevAccounts.account(DevAccounts.SUBMITTER).getAddress());
        deploymentFile = dir.resolve("deployment.json");
        deployment.write(deploymentFile);
        market = new DevMarket(chain, deployment, deployer);
        producer = new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), "harness"));
        reader = new Thread(this::read, "harness-reader");
        reader.setDaemon(true);
        reader.start();
    }

    String config(String name, int extraSessionMs) {
        return """
                micronaut:
                  server:
                    port: %d
                fair-auction:
                  kafka:
                    bootstrap-servers: %s
                  chain:
                    rpc-url: %s
                    deployment-file: %s
                  auctioneer:
                    instance-id: %s
                    period-ms: 1000
                    solve-window-ms: 1500
                    bid-grace-ms: 100
                    leader-session-timeout-ms: %d
                """.formatted(freePort(), kafka.bootstrapServers(), anvil.rpcUrl(), deploymentFile, name, extraSessionMs);
    }

    /** A funded trader (dev account 10 + n) who approved the relayer for WETH. */
    Credentials trader(int n) {
        Credentials t = DevAccounts.account(10 + n);
        market.fund(t.getAddress(), "WETH", BigInteger.TEN.pow(20));
        market.approveRelayer(t, "WETH");
        return t;
    }

    /** Signs and publishes a sell of {@code wei} WETH for USDC with a limit 5% under the pool's quote. */
    Intent submit(Credentials trader, BigInteger wei, long validTo) {
        BigInteger quote = market.quote("WETH", "USDC", wei);
        Intent intent = market.intent(trader, Side.SELL, "WETH", "USDC", wei,
                quote.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)), validTo);
        send(Topics.INTENTS, new IntentSubmitted(intent, System.currentTimeMillis()));
        return intent;
    }

    long chainNow() {
        return chain.latestTimestamp();
    }

    void send(String topic, Event e) {
        try {
            producer.send(new ProducerRecord<>(topic, e.key(), EventJson.write(e))).get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Reads every topic; answers each new auction with one pool-routed bid per intent, as an AMM router would. */
    private void read() {
        try (var consumer = new KafkaConsumer<String, String>(KafkaSettings.consumer(kafka.bootstrapServers(), "harness-reader", null))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(Topics.AUCTIONS, Topics.AUCTION_RESULTS, Topics.SETTLEMENTS, Topics.INTENT_STATUS, Topics.BIDS)) {
                for (PartitionInfo p : consumer.partitionsFor(t)) {
                    parts.add(new TopicPartition(t, p.partition()));
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running.get()) {
                try {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        Event e = EventJson.read(r.value());
                        seen.add(e);
                        if (e instanceof AuctionOpened o && answered.add(o.auctionId())) {
                            answer(o);
                        }
                    }
                } catch (org.apache.kafka.common.KafkaException e) {
                    sleep(200);
                }
            }
        }
    }

    private void answer(AuctionOpened o) {
        for (Intent i : o.auction().intents()) {
            try {
                BigInteger out = market.quote("WETH", "USDC", i.sellAmount());
                if (out.compareTo(i.buyAmount()) < 0) {
                    continue;
                }
                Bid bid = new Bid(BidAccepted.bidId("router", i.uid()), "router",
                        List.of(new Trade(i.uid(), i.sellAmount(), out)),
                        market.swapThroughPool("WETH", "USDC", i.sellAmount(), out));
                // One bid per auction: several pool-routed bids on one pool would each assume the untouched reserves.
                send(Topics.BIDS, new BidAccepted(o.auctionId(), "router", i.uid(), SOLVER_PAYOUT, bid, System.currentTimeMillis()));
                return;
            } catch (RuntimeException e) {
                // The chain may be mid-restart in a test; the next auction gets an answer.
            }
        }
    }

    <T extends Event> List<T> seen(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        chain.close();
        anvil.close();
        kafka.close();
    }
}

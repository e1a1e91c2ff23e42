package io.fairauction.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.KafkaSettings;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.events.Topics;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what the services wrote (auctions, bids, results, settlements, statuses) and reports each auction once it is
 * closed and its winners are settled. Everything the devnet summary says comes from here and from the chain.
 */
final class Watcher implements AutoCloseable {
    final Map<Long, AuctionOpened> opened = new ConcurrentHashMap<>();
    final Map<Long, List<BidAccepted>> bids = new ConcurrentHashMap<>();
    final Map<Long, Integer> rejected = new ConcurrentHashMap<>();
    final Map<Long, AuctionClosed> closed = new ConcurrentHashMap<>();
    final Map<Long, List<SettlementRecorded>> settlements = new ConcurrentHashMap<>();
    final Map<String, IntentStatus> status = new ConcurrentHashMap<>();
    private final java.util.Set<Long> reported = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<String, String> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Consumer<String> out;

    Watcher(String bootstrapServers, Consumer<String> out) {
        this.out = out;
        consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, "devnet-watcher", null));
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(Topics.AUCTIONS, Topics.BIDS, Topics.AUCTION_RESULTS, Topics.SETTLEMENTS, Topics.INTENT_STATUS)) {
            for (PartitionInfo p : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, p.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        thread = new Thread(this::run, "devnet-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            try {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    apply(EventJson.read(r.value()));
                }
                reportReady();
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                out.accept("watcher: " + e.getMessage());
            }
        }
    }

    private void apply(Event e) {
        if (e instanceof AuctionOpened o) {
            opened.put(o.auctionId(), o);
        } else if (e instanceof BidAccepted b) {
            bids.computeIfAbsent(b.auctionId(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(b);
        } else if (e instanceof BidRejected b) {
            rejected.merge(b.auctionId(), 1, Integer::sum);
        } else if (e instanceof AuctionClosed c) {
            closed.put(c.auctionId(), c);
        } else if (e instanceof SettlementRecorded s) {
            settlements.computeIfAbsent(s.auctionId(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(s);
        } else if (e instanceof IntentStatus s) {
            status.put(s.uid().toLowerCase(Locale.ROOT), s);
        }
    }

    /** Closed, not abandoned auctions whose winners all have a settlement record. */
    int completedAuctions() {
        return (int) closed.values().stream().filter(c -> !c.abandoned() && isSettled(c)).count();
    }

    private boolean isSettled(AuctionClosed c) {
        List<SettlementRecorded> s = settlements.getOrDefault(c.auctionId(), List.of());
        return c.winners().stream().allMatch(w -> s.stream().anyMatch(r -> r.bidId().equals(w.bid().id())));
    }

    private void reportReady() {
        for (AuctionClosed c : new TreeMap<>(closed).values()) {
            if (!reported.contains(c.auctionId()) && isSettled(c) && opened.containsKey(c.auctionId())) {
                reported.add(c.auctionId());
                out.accept(line(c));
            }
        }
    }

    private String line(AuctionClosed c) {
        AuctionOpened o = opened.get(c.auctionId());
        if (c.abandoned()) {
            return String.format("auction %4d  abandoned by a restarted auctioneer; its %d intents re-auctioned",
                    c.auctionId(), o.auction().intents().size());
        }
        JsonNode result = c.result();
        int filtered = result.path("filtered").size();
        BigInteger overLimit = BigInteger.ZERO;
        BigInteger overReference = BigInteger.ZERO;
        for (Intent i : o.auction().intents()) {
            JsonNode outcome = result.path("outcome").path(i.uid());
            if (outcome.isMissingNode()) {
                continue;
            }
            overLimit = overLimit.add(surplus(o, i, new BigInteger(outcome.path("amount").asText()), new BigInteger(outcome.path("paid").asText()), false, result));
            overReference = overReference.add(surplus(o, i, new BigInteger(outcome.path("amount").asText()), new BigInteger(outcome.path("paid").asText()), true, result));
        }
        List<SettlementRecorded> s = settlements.getOrDefault(c.auctionId(), List.of());
        String txs = s.stream().map(r -> r.status() == SettlementRecorded.Status.MINED
                        ? shortHash(r.txHash()) + " gas " + String.format("%,d", r.gasUsed())
                        : r.status().name().toLowerCase(Locale.ROOT) + " (" + abbreviate(r.reason()) + ")")
                .distinct().reduce((a, b) -> a + ", " + b).orElse("-");
        return String.format("auction %4d  intents %3d  bids %3d (filtered %d, rejected %d)  winners %2d  "
                        + "to traders +%s ETH over limits, %s%s ETH vs reference  tx %s",
                c.auctionId(), o.auction().intents().size(), c.bidsReceived(), filtered,
                rejected.getOrDefault(c.auctionId(), 0), c.winners().size(), eth(overLimit),
                overReference.signum() >= 0 ? "+" : "", eth(overReference), txs);
    }

    /** Native wei the trader got above their limit (or above the reference). */
    static BigInteger surplus(AuctionOpened o, Intent i, BigInteger amount, BigInteger paid, boolean vsReference, JsonNode result) {
        BigInteger base = vsReference && result.path("reference").has(i.uid())
                ? new BigInteger(result.path("reference").path(i.uid()).asText())
                : i.limitAmount();
        Token t = o.auction().token(i.limitToken()).orElseThrow();
        BigInteger diff = i.side() == Side.SELL ? amount.subtract(base) : base.subtract(paid);
        BigInteger value = U256.toNative(diff.abs(), t.nativePrice());
        return diff.signum() < 0 ? value.negate() : value;
    }

    static String eth(BigInteger wei) {
        return new java.math.BigDecimal(wei).movePointLeft(18).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String shortHash(String h) {
        return h == null ? "-" : h.substring(0, Math.min(12, h.length())) + "…";
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Amount each winning trade awarded, keyed by lower-case uid, for the balance checks. */
    Map<String, Trade> awarded() {
        Map<String, Trade> out = new TreeMap<>();
        for (AuctionClosed c : closed.values()) {
            for (BidAccepted w : c.winners()) {
                for (Trade t : w.bid().trades()) {
                    out.put(t.intent().toLowerCase(Locale.ROOT) + "@" + c.auctionId(), t);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}

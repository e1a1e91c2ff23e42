package io.fairauction.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of DESIGN.md section 2, each with its one writer, its key, partition count and configuration.
 * {@link #createAll} makes them on a cluster (idempotently), so every service and the devnet agree on them.
 */
public final class Topics {
    /** Accepted, signature-checked intents and signed cancellations; key: intent uid. Writer: intent-collector. */
    public static final String INTENTS = "intents";
    /** Auctions as cut; key: auction id. Writer: auctioneer. */
    public static final String AUCTIONS = "auctions";
    /** Bids of solvers, accepted and rejected (with code); key: auction id. Writer: solver-gateway. */
    public static final String BIDS = "bids";
    /** The full result of each auction; key: auction id. Writer: auctioneer. */
    public static final String AUCTION_RESULTS = "auction-results";
    /** One record per winning bid: mined, reverted or dropped; key: auction id. Writer: auctioneer (settlement). */
    public static final String SETTLEMENTS = "settlements";
    /** The latest status of each intent with its history; key: intent uid; compacted. Writer: auctioneer. */
    public static final String INTENT_STATUS = "intent-status";
    /**
     * One partition, no records: the auctioneer whose consumer group assigns it this partition leads. Kafka's group
     * coordinator gives it to exactly one live member and moves it when that member dies.
     */
    public static final String AUCTIONEER_LEADER = "auctioneer-leader";

    /** A topic, how many partitions it has and its non-default configuration. */
    public record Spec(String name, int partitions, Map<String, String> configs) {
    }

    /** Retained for a week: long enough to rebuild every view and replay recent auctions after an outage. */
    private static final String WEEK_MS = Long.toString(7L * 24 * 3600 * 1000);

    public static final List<Spec> ALL = List.of(
            // Keyed by uid: a trader's intent and its cancellation land on the same partition, in order.
            new Spec(INTENTS, 6, Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
            new Spec(AUCTIONS, 3, Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
            new Spec(BIDS, 6, Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
            new Spec(AUCTION_RESULTS, 3, Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
            new Spec(SETTLEMENTS, 3, Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
            // Compacted: the latest status of every intent stays forever; the record carries the history.
            new Spec(INTENT_STATUS, 6, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000")),
            new Spec(AUCTIONEER_LEADER, 1, Map.of()));

    private Topics() {
    }

    public static Optional<Spec> spec(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Creates every topic that does not exist yet, with {@code replication} replicas (1 on a one-broker cluster,
     * 3 in production); existing topics are left as they are.
     */
    public static void createAll(Admin admin, short replication) {
        for (Spec spec : ALL) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replication).configs(spec.configs());
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
    }
}

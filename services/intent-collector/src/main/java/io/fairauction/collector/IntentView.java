package io.fairauction.collector;

import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.CancellationRequested;
import io.fairauction.events.Event;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.Topics;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the collector knows of intents and auction results, built only from the topics ({@code intents},
 * {@code intent-status}, {@code auction-results}), so every collector, and a restarted one, answers the same.
 * Thread-safe: one consumer thread applies records, request threads read.
 */
public final class IntentView {
    /**
     * One intent as the topics tell it.
     *
     * @param intent   null when a status arrived before the intent itself (another partition's lag)
     * @param status   null while the auctioneer has published none: the intent is open
     */
    public record Entry(Intent intent, long receivedAtMillis, IntentStatus status, boolean cancellationRequested) {
        public IntentStatus.State state() {
            return status == null ? IntentStatus.State.OPEN : status.state();
        }
    }

    private final ConcurrentHashMap<String, Entry> intents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AuctionClosed> auctions = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    /**
     * Records this collector is writing to {@code intents}, by key: when one comes back with exactly the bytes written,
     * the view takes the event as it was written instead of parsing it again (parsing its own writes back was about a
     * tenth of the collector's CPU per intent).
     */
    private final ConcurrentHashMap<String, Written> writing = new ConcurrentHashMap<>();

    private record Written(String value, Event event) {
    }

    public Optional<Entry> intent(String uid) {
        return Optional.ofNullable(intents.get(uid));
    }

    public boolean knows(String uid) {
        Entry e = intents.get(uid);
        return e != null && e.intent() != null;
    }

    public Optional<AuctionClosed> auction(long id) {
        return Optional.ofNullable(auctions.get(id));
    }

    public int intentCount() {
        return intents.size();
    }

    /** Records that were not events this collector can read (skipped, counted). */
    public long unreadable() {
        return unreadable.get();
    }

    /**
     * Announces a record this collector is about to write to {@code intents} under {@code key}; {@link #apply(String,
     * String, String)} then takes {@code event} for it without parsing when the value read back equals {@code value}.
     * Forgotten when that record is read, or by {@link #forget} when the write failed.
     */
    public void writing(String key, String value, Event event) {
        writing.put(key, new Written(value, event));
    }

    /** The write announced under {@code key} did not happen (as far as the writer knows). */
    public void forget(String key) {
        writing.remove(key);
    }

    /** Records announced by {@link #writing} and not read back yet. */
    int writingCount() {
        return writing.size();
    }

    /** {@link #apply(String, String, String)} of a record without a key. */
    public void apply(String topic, String value) {
        apply(topic, null, value);
    }

    /** Applies one record of one of the three topics; null values (tombstones) and unreadable records are skipped. */
    public void apply(String topic, String key, String value) {
        if (value == null) {
            return;
        }
        if (key != null && topic.equals(Topics.INTENTS)) {
            Written mine = writing.get(key);
            if (mine != null && mine.value().equals(value)) {
                writing.remove(key, mine);
                apply(topic, mine.event());
                return;
            }
        }
        Event event;
        try {
            event = EventJson.read(value);
        } catch (EventJson.EventFormatException e) {
            unreadable.incrementAndGet();
            return;
        }
        apply(topic, event);
    }

    public void apply(String topic, Event event) {
        switch (topic) {
            case Topics.INTENTS -> {
                if (event instanceof IntentSubmitted s) {
                    String uid = s.intent().uid();
                    // The first submission wins: a second collector's duplicate changes nothing.
                    intents.compute(uid, (k, old) -> old == null
                            ? new Entry(s.intent(), s.receivedAtMillis(), null, false)
                            : old.intent() != null ? old
                            : new Entry(s.intent(), s.receivedAtMillis(), old.status(), old.cancellationRequested()));
                } else if (event instanceof CancellationRequested c) {
                    intents.computeIfPresent(c.uid(), (k, old) ->
                            new Entry(old.intent(), old.receivedAtMillis(), old.status(), true));
                }
            }
            case Topics.INTENT_STATUS -> {
                if (event instanceof IntentStatus st) {
                    intents.compute(st.uid(), (k, old) -> old == null
                            ? new Entry(null, 0, st, false)
                            : new Entry(old.intent(), old.receivedAtMillis(), st, old.cancellationRequested()));
                }
            }
            case Topics.AUCTION_RESULTS -> {
                if (event instanceof AuctionClosed a) {
                    auctions.put(a.auctionId(), a);
                }
            }
            default -> {
            }
        }
    }
}

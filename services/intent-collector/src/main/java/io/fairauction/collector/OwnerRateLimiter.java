package io.fairauction.collector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per owner: {@code capacity} requests at once, refilled at {@code perSecond}. Owners whose bucket
 * is full again are forgotten when the table grows past {@code maxOwners}, so memory stays bounded.
 * Local to one collector: N collectors side by side allow N times the rate (documented in application-collector.yml).
 */
public final class OwnerRateLimiter {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final int maxOwners;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public OwnerRateLimiter(int capacity, double perSecond, LongSupplier nanoTime) {
        this(capacity, perSecond, nanoTime, 100_000);
    }

    OwnerRateLimiter(int capacity, double perSecond, LongSupplier nanoTime, int maxOwners) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("rate limit needs capacity >= 1 and a positive refill rate");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        this.maxOwners = maxOwners;
    }

    /** Takes one token of {@code owner}'s bucket; false when it is empty. */
    public boolean tryAcquire(String owner) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > maxOwners) {
            buckets.values().removeIf(b -> b.level(now) >= capacity);
        }
        Bucket b = buckets.computeIfAbsent(owner, k -> new Bucket(capacity, now));
        synchronized (b) {
            double level = b.level(now);
            b.tokens = level;
            b.at = now;
            if (level < 1) {
                return false;
            }
            b.tokens = level - 1;
            return true;
        }
    }

    private final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized double level(long now) {
            return Math.min(capacity, tokens + Math.max(0, now - at) * perNano);
        }
    }
}

package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnerRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void anOwnerGetsTheBucketAtOnceThenTheRefillRate() {
        OwnerRateLimiter limiter = new OwnerRateLimiter(3, 2, nanos::get);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        nanos.addAndGet(499_000_000L); // 0.998 tokens
        assertThat(limiter.tryAcquire("a")).isFalse();
        nanos.addAndGet(2_000_000L); // one token
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void ownersDoNotShareABucket() {
        OwnerRateLimiter limiter = new OwnerRateLimiter(1, 1, nanos::get);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
    }

    @Test
    void aLongIdleOwnerHasAFullBucketNotMore() {
        OwnerRateLimiter limiter = new OwnerRateLimiter(2, 1, nanos::get, 1);
        assertThat(limiter.tryAcquire("a")).isTrue();
        nanos.addAndGet(3_600_000_000_000L);
        assertThat(limiter.tryAcquire("b")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }
}

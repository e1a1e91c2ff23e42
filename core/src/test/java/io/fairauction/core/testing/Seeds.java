package io.fairauction.core.testing;

import java.util.stream.LongStream;

/** Seeds for property tests: a fixed range, so every run checks the same cases and a failure names its seed. */
public final class Seeds {
    private Seeds() {
    }

    public static LongStream range(int count) {
        return LongStream.range(1, count + 1);
    }
}

package io.fairauction.auctioneer;

import io.fairauction.core.model.U256;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Native prices (wei per 10^18 base units, the CoW convention) from pool reserves: the wrapped native token is
 * 10^18; a token in a pool with a priced token is priced at the pool's spot rate; repeated until nothing changes,
 * pools in address order, so the result does not depend on the order pools are listed in.
 */
final class NativePrices {
    private NativePrices() {
    }

    /** Prices keyed by lower-case token address; tokens no pool connects to the native token are absent. */
    static Map<String, BigInteger> fromPools(String wrappedNative, List<Pool> pools) {
        Map<String, BigInteger> prices = new TreeMap<>();
        prices.put(wrappedNative.toLowerCase(Locale.ROOT), U256.WAD);
        List<Pool> sorted = pools.stream()
                .sorted(java.util.Comparator.comparing(p -> p.address().toLowerCase(Locale.ROOT))).toList();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Pool p : sorted) {
                String t0 = p.token0().toLowerCase(Locale.ROOT);
                String t1 = p.token1().toLowerCase(Locale.ROOT);
                if (p.reserve0().signum() == 0 || p.reserve1().signum() == 0) {
                    continue;
                }
                if (prices.containsKey(t0) && !prices.containsKey(t1)) {
                    // 10^18 units of t1 are worth reserve0/reserve1 * 10^18 units of t0.
                    prices.put(t1, prices.get(t0).multiply(p.reserve0()).divide(p.reserve1()));
                    changed = true;
                } else if (prices.containsKey(t1) && !prices.containsKey(t0)) {
                    prices.put(t0, prices.get(t1).multiply(p.reserve1()).divide(p.reserve0()));
                    changed = true;
                }
            }
        }
        return prices;
    }
}

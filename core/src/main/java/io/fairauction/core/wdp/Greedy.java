package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy packing, the warm start of the exact search: bids by objective over the square root of their size
 * (Lehmann, O'Callaghan and Shoham's ordering, which favours value per intent without punishing bundles too
 * hard), and by plain objective; the better of the two.
 */
final class Greedy {
    private Greedy() {
    }

    static List<Integer> solve(Part part) {
        List<Integer> byRoot = pack(part, Comparator.comparingDouble((Integer k) ->
                -part.z[k].doubleValue() / Math.sqrt(part.bid(k).intentCount())).thenComparingInt(k -> k));
        List<Integer> byValue = pack(part, Comparator.comparing((Integer k) -> part.z[k]).reversed()
                .thenComparingInt(k -> k));
        BigInteger a = part.z(byRoot);
        BigInteger b = part.z(byValue);
        return a.compareTo(b) >= 0 ? byRoot : byValue;
    }

    private static List<Integer> pack(Part part, Comparator<Integer> order) {
        List<Integer> sorted = new ArrayList<>(IntStream.range(0, part.size()).boxed().toList());
        sorted.sort(order);
        Part.Packing packing = part.packing();
        List<Integer> chosen = new ArrayList<>();
        for (int k : sorted) {
            if (packing.fits(k)) {
                packing.add(k);
                chosen.add(k);
            }
        }
        chosen.sort(null);
        return chosen;
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact depth-first search for small parts, where starting CP-SAT would cost more than the search itself.
 * Bids are tried best first; a branch is cut when even taking every remaining compatible bid could not reach
 * the incumbent. Among selections of equal weight the one with the lowest bid positions is kept, the same rule
 * as CP-SAT's enumeration ({@link Part#before}, shadows included). A branch is cut only when it cannot reach the
 * incumbent, so every optimum is visited and the canonical one found.
 */
final class BranchAndBound {
    /** Parts up to this many bids are enumerated. */
    static final int MAX_BIDS = 20;

    private final Part part;
    private final int[] order;
    private final Part.Packing packing;
    private final List<Integer> current = new ArrayList<>();
    private BigInteger best;
    private List<Integer> bestSet;

    private BranchAndBound(Part part, List<Integer> start) {
        this.part = part;
        this.order = IntStream.range(0, part.size()).boxed()
                .sorted(Comparator.comparing((Integer k) -> part.z[k]).reversed().thenComparingInt(k -> k))
                .mapToInt(Integer::intValue).toArray();
        this.packing = part.packing();
        this.bestSet = new ArrayList<>(start);
        this.best = part.z(start);
    }

    static List<Integer> solve(Part part) {
        BranchAndBound bb = new BranchAndBound(part, Greedy.solve(part));
        bb.search(0, BigInteger.ZERO);
        List<Integer> result = new ArrayList<>(bb.bestSet);
        result.sort(null);
        return result;
    }

    private void search(int depth, BigInteger value) {
        int cmp = value.compareTo(best);
        if (cmp > 0 || (cmp == 0 && part.before(sorted(current), sorted(bestSet)))) {
            best = value;
            bestSet = new ArrayList<>(current);
        }
        if (depth == order.length) {
            return;
        }
        BigInteger bound = value;
        for (int d = depth; d < order.length; d++) {
            if (packing.fits(order[d])) {
                bound = bound.add(part.z[order[d]]);
            }
        }
        if (bound.compareTo(best) < 0) {
            return;
        }
        int k = order[depth];
        if (packing.fits(k)) {
            packing.add(k);
            current.add(k);
            search(depth + 1, value.add(part.z[k]));
            current.remove(current.size() - 1);
            packing.remove(k);
        }
        search(depth + 1, value);
    }

    private static List<Integer> sorted(List<Integer> set) {
        List<Integer> s = new ArrayList<>(set);
        s.sort(null);
        return s;
    }

    @Override
    public String toString() {
        return "BranchAndBound" + Arrays.toString(order);
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A part whose bids each trade at most two intents is a maximum-weight matching problem, solved exactly in
 * polynomial time with {@link Blossom}: intents are vertices, a bid on two intents is an edge, a bid on one intent
 * an edge to a vertex of its own (one per intent). All of CATS {@code matching} is of this shape.
 *
 * <p><b>Canonical answer.</b> With {@code m} edges in canonical order, edge {@code r} (bid {@code k}) weighs
 * {@code z' = z_k * 2^m + 2^(m-1-r)}. The tie part of a selection is below {@code 2^m}, so the maximum of
 * {@code z'} maximises {@code z} first; among selections of maximum {@code z} it maximises the bit string that
 * has edge 0 as its most significant bit, which is the selection with the lexicographically smallest sorted list
 * of positions ({@link CpSatSolver#canonicallyBefore}): if A comes before B, their first difference is a position
 * {@code a} in A and not in B, with every lower position in both or in neither, so A's bit string is larger. The
 * one case where the two orders disagree is a selection that is a strict prefix of another; then it is a strict
 * subset, and with every {@code z > 0} (required here) the larger one weighs strictly more, so both are never
 * optimal together. Different selections have different {@code z'}, so the optimum is unique and any correct
 * matching algorithm returns it.
 *
 * <p>Parallel edges (bids on the same intents): only the best by {@code z}, the lower position on a tie, is kept.
 * Any selection using another one is beaten by swapping in the kept edge (more weight, or the same weight and a
 * canonically earlier selection), so the canonical optimum never uses it.
 */
final class Matching {
    private Matching() {
    }

    /**
     * Whether {@link #solve} applies: no options (caps or pair-disjointness are not matchings), every bid on at
     * most two intents, every weight positive (the canonical tie-break above needs it).
     */
    static boolean applies(Part part) {
        if (!part.constraints().equals(Constraints.NONE)) {
            return false;
        }
        for (int k = 0; k < part.size(); k++) {
            if (part.bid(k).intentsView().length > 2 || part.z[k].signum() <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The canonical optimum of the part, as local indices, ascending. */
    static List<Integer> solve(Part part) {
        int n = part.size();
        // Vertices: the part's intents, then one private vertex per intent with a single-intent bid.
        Map<Integer, Integer> vertexOf = new HashMap<>();
        for (int k = 0; k < n; k++) {
            for (int i : part.bid(k).intentsView()) {
                vertexOf.putIfAbsent(i, vertexOf.size());
            }
        }
        Map<Integer, Integer> privateOf = new HashMap<>();
        Map<Long, Integer> edgeOf = new HashMap<>(); // vertex pair -> the kept bid on it
        int vertices = vertexOf.size();
        int[] from = new int[n];
        int[] to = new int[n];
        for (int k = 0; k < n; k++) {
            int[] in = part.bid(k).intentsView();
            int a = vertexOf.get(in[0]);
            int b;
            if (in.length == 2) {
                b = vertexOf.get(in[1]);
            } else {
                Integer own = privateOf.get(in[0]);
                if (own == null) {
                    own = vertices++;
                    privateOf.put(in[0], own);
                }
                b = own;
            }
            from[k] = a;
            to[k] = b;
            long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
            Integer kept = edgeOf.get(key);
            if (kept == null || part.z[k].compareTo(part.z[kept]) > 0) {
                edgeOf.put(key, k);
            }
        }
        int[] keptBids = edgeOf.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int m = keptBids.length;
        int[] ef = new int[m];
        int[] et = new int[m];
        BigInteger[] w = new BigInteger[m];
        for (int r = 0; r < m; r++) {
            int k = keptBids[r];
            ef[r] = from[k];
            et[r] = to[k];
            w[r] = part.z[k].shiftLeft(m).setBit(m - 1 - r);
        }
        int[] partner = Blossom.solve(vertices, ef, et, w);
        List<Integer> chosen = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            if (partner[ef[r]] == et[r]) {
                chosen.add(keptBids[r]);
            }
        }
        return chosen;
    }
}

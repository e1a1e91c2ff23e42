package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
 * <p>The tie-break is applied only to the edges that can be in a maximum-{@code z} matching at all (see
 * {@link Blossom#tightEdges}); restricted to them the maximum of {@code z} is the same, so the argument above
 * holds there, with {@code m} the number of those edges (per connected piece of them, see
 * {@link #canonicalOptimum}).
 *
 * <p>Parallel edges (bids on the same intents): only the best by {@code z}, the lower position on a tie, is kept.
 * Any selection using another one is beaten by swapping in the kept edge (more weight, or the same weight and a
 * canonically earlier selection), so the canonical optimum never uses it.
 */
final class Matching {
    private Matching() {
    }

    /**
     * Whether {@link #solve} applies: no options (caps or pair-disjointness are not matchings), no shadows (the
     * tie-break above orders the part's own bids only), every bid on at most two intents, every weight positive
     * (the tie-break needs it).
     */
    static boolean applies(Part part) {
        if (!part.constraints().equals(Constraints.NONE) || !part.shadows.isEmpty()) {
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
        int[] kept = edgeOf.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        // First on the weights alone (narrow: long arithmetic when they fit), then with the tie-break on the edges
        // that can be in an optimum at all, the tight ones under the first run's optimal duals, one connected
        // piece of them at a time. The tie-break adds a bit per edge, so this keeps the wide arithmetic to small
        // graphs where the part may have thousands of bids.
        BigInteger[] z = new BigInteger[kept.length];
        for (int r = 0; r < kept.length; r++) {
            z[r] = part.z[kept[r]];
        }
        boolean[] tight = Blossom.solve(vertices, pick(from, kept), pick(to, kept), z).tightEdges();
        int[] candidates = IntStream.range(0, kept.length).filter(r -> tight[r]).map(r -> kept[r]).toArray();
        List<Integer> chosen = new ArrayList<>();
        for (int[] piece : pieces(candidates, from, to, vertices)) {
            chosen.addAll(canonicalOptimum(part, piece, from, to));
        }
        chosen.sort(null);
        return chosen;
    }

    /**
     * The canonical optimum on some edges (bids, ascending), with the tie-break. An optimum of the whole is one of
     * each vertex-disjoint piece, and the canonical one is made of the pieces' canonical ones: the first position
     * where another optimum differs from it lies in one piece, and is the first difference there.
     */
    private static List<Integer> canonicalOptimum(Part part, int[] edges, int[] from, int[] to) {
        int m = edges.length;
        if (m == 1) {
            return List.of(edges[0]); // a single edge of positive weight
        }
        Map<Integer, Integer> local = new HashMap<>();
        int[] ef = new int[m];
        int[] et = new int[m];
        BigInteger[] w = new BigInteger[m];
        for (int r = 0; r < m; r++) {
            int k = edges[r];
            ef[r] = local.computeIfAbsent(from[k], v -> local.size());
            et[r] = local.computeIfAbsent(to[k], v -> local.size());
            w[r] = part.z[k].shiftLeft(m).setBit(m - 1 - r);
        }
        int[] partner = Blossom.solve(local.size(), ef, et, w).partners();
        List<Integer> chosen = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            if (partner[ef[r]] == et[r]) {
                chosen.add(edges[r]);
            }
        }
        return chosen;
    }

    /** The edges grouped by connected piece of the graph they form, each group ascending. */
    private static List<int[]> pieces(int[] edges, int[] from, int[] to, int vertices) {
        int[] parent = IntStream.range(0, vertices).toArray();
        for (int k : edges) {
            int a = root(parent, from[k]);
            int b = root(parent, to[k]);
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int k : edges) {
            groups.computeIfAbsent(root(parent, from[k]), g -> new ArrayList<>()).add(k);
        }
        return groups.values().stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    private static int root(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static int[] pick(int[] values, int[] at) {
        int[] out = new int[at.length];
        for (int r = 0; r < at.length; r++) {
            out[r] = values[at[r]];
        }
        return out;
    }
}

package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Maximum-weight (not necessarily perfect) matching in a general graph: Edmonds' blossom algorithm in its
 * primal-dual O(n^3) form (Galil, "Efficient algorithms for finding maximum matching in graphs", 1986; the
 * structure follows Van Rantwijk's well-known implementation). Exact on integer weights of any width: vertex duals
 * are kept doubled and slacks computed as {@code 2u_i + 2u_j - 2w}, so every dual stays an integer (the slack of an
 * edge between two S-blossoms, halved for delta3, is always even; checked, not assumed).
 *
 * <p>Vertices are 0..n-1; edges join two distinct vertices, at most one edge per pair. Glossary (S/T labels,
 * blossoms, stages) as in Galil's survey.
 */
final class Blossom {
    private final int nv;
    private final int ne;
    /** endpoint[2k], endpoint[2k+1]: the two vertices of edge k. */
    private final int[] endpoint;
    /** Per vertex, the remote endpoints (edge endpoint indices) of its edges. */
    private final int[][] neighbend;

    /** mate[v]: the remote endpoint of v's matched edge, or -1. */
    private final int[] mate;
    /** Per top-level blossom: 0 free, 1 S, 2 T (bit 4 is a breadcrumb of scanBlossom). */
    private final int[] label;
    private final int[] labelend;
    private final int[] inblossom;
    private final int[] blossomparent;
    private final int[][] blossomchilds;
    private final int[] blossombase;
    private final int[][] blossomendps;
    private final int[] bestedge;
    private final int[][] blossombestedges;
    private final int[] unused;
    private int unusedCount;
    /** Vertices: twice the dual u; non-trivial blossoms: the dual z. */
    private final Duals duals;
    private final boolean[] allowedge;
    private int[] queue;
    private int queueSize;

    private Blossom(int vertices, int[] from, int[] to, BigInteger[] weight, boolean wide) {
        nv = vertices;
        ne = from.length;
        endpoint = new int[2 * ne];
        int[] degree = new int[nv];
        BigInteger max = BigInteger.ZERO;
        for (int k = 0; k < ne; k++) {
            if (from[k] == to[k]) {
                throw new IllegalArgumentException("edge " + k + " is a loop");
            }
            endpoint[2 * k] = from[k];
            endpoint[2 * k + 1] = to[k];
            degree[from[k]]++;
            degree[to[k]]++;
            max = max.max(weight[k]);
        }
        neighbend = new int[nv][];
        for (int v = 0; v < nv; v++) {
            neighbend[v] = new int[degree[v]];
        }
        int[] fill = new int[nv];
        for (int k = 0; k < ne; k++) {
            neighbend[from[k]][fill[from[k]]++] = 2 * k + 1;
            neighbend[to[k]][fill[to[k]]++] = 2 * k;
        }
        mate = new int[nv];
        Arrays.fill(mate, -1);
        label = new int[2 * nv];
        labelend = new int[2 * nv];
        Arrays.fill(labelend, -1);
        inblossom = new int[nv];
        for (int v = 0; v < nv; v++) {
            inblossom[v] = v;
        }
        blossomparent = new int[2 * nv];
        Arrays.fill(blossomparent, -1);
        blossomchilds = new int[2 * nv][];
        blossombase = new int[2 * nv];
        for (int v = 0; v < 2 * nv; v++) {
            blossombase[v] = v < nv ? v : -1;
        }
        blossomendps = new int[2 * nv][];
        bestedge = new int[2 * nv];
        Arrays.fill(bestedge, -1);
        blossombestedges = new int[2 * nv][];
        unused = new int[nv];
        for (int b = nv; b < 2 * nv; b++) {
            unused[unusedCount++] = b;
        }
        duals = wide ? new WideDuals(weight, max) : new LongDuals(weight, max);
        allowedge = new boolean[ne];
        queue = new int[Math.max(1, nv)];
    }

    /**
     * Runs the algorithm to the optimum.
     *
     * @param from   first vertex of each edge
     * @param to     second vertex of each edge
     * @param weight weight of each edge, at least zero
     */
    static Blossom solve(int vertices, int[] from, int[] to, BigInteger[] weight) {
        BigInteger max = Arrays.stream(weight).reduce(BigInteger.ZERO, BigInteger::max);
        if (max.bitLength() <= LONG_WEIGHT_BITS) {
            try {
                Blossom b = new Blossom(vertices, from, to, weight, false);
                b.run();
                return b;
            } catch (ArithmeticException overflow) {
                // Duals outgrew a long: start again in BigIntegers.
            }
        }
        Blossom b = new Blossom(vertices, from, to, weight, true);
        b.run();
        return b;
    }

    /** Weights up to this many bits run in long arithmetic (overflow-checked); wider ones in BigInteger. */
    private static final int LONG_WEIGHT_BITS = 58;

    /** For each vertex its partner in the maximum-weight matching, or -1 when unmatched. */
    int[] partners() {
        int[] partner = new int[nv];
        for (int v = 0; v < nv; v++) {
            partner[v] = mate[v] >= 0 ? endpoint[mate[v]] : -1;
        }
        return partner;
    }

    /**
     * The edges of zero reduced cost under the final duals, blossom duals included. The duals are optimal for
     * Edmonds' matching LP, whose optima include every maximum-weight matching, so by complementary slackness
     * every maximum-weight matching uses only these edges.
     */
    boolean[] tightEdges() {
        boolean[] tight = new boolean[ne];
        int[] up = new int[nv + 1];
        int[] upJ = new int[nv + 1];
        for (int k = 0; k < ne; k++) {
            int ni = ancestors(endpoint[2 * k], up);
            int nj = ancestors(endpoint[2 * k + 1], upJ);
            // Blossoms containing both ends: the common top of the two ancestor chains.
            int common = 0;
            while (common < ni && common < nj && up[ni - 1 - common] == upJ[nj - 1 - common]) {
                common++;
            }
            int sign = duals.reducedCostSign(k, up, ni - common, ni);
            if (sign < 0) {
                throw new IllegalStateException("negative reduced cost: the duals are not feasible");
            }
            tight[k] = sign == 0;
        }
        return tight;
    }

    /** v and the blossoms around it, innermost first; returns how many. */
    private int ancestors(int v, int[] out) {
        int n = 0;
        out[n++] = v;
        while (blossomparent[out[n - 1]] != -1) {
            out[n] = blossomparent[out[n - 1]];
            n++;
        }
        return n;
    }

    /**
     * The dual variables and all arithmetic on them, so that the algorithm is written once: in longs when the
     * weights leave room (every operation overflow-checked), else in BigIntegers. The slack of edge k is
     * {@code dual[i] + dual[j] - 2w_k} (valid between different top-level blossoms); delta is the current step.
     */
    private abstract static class Duals {
        abstract int compareSlacks(int k, int l);

        abstract int slackSign(int k);

        abstract boolean isZero(int x);

        abstract void setZero(int x);

        /** delta = dual[x]. */
        abstract void deltaFromDual(int x);

        abstract boolean dualBelowDelta(int x);

        /** When slack(k) (halved if {@code half}) is below delta, makes it delta and says so. */
        abstract boolean takeSlackIfBelow(int k, boolean half);

        abstract boolean deltaIsZero();

        /** dual[x] += sign * delta. */
        abstract void shift(int x, int sign);

        /** Sign of slack(k) plus twice the duals of blossoms[from..to). */
        abstract int reducedCostSign(int k, int[] blossoms, int from, int to);
    }

    private final class LongDuals extends Duals {
        private final long[] d = new long[2 * nv];
        private final long[] w2 = new long[ne];
        private long delta;

        LongDuals(BigInteger[] weight, BigInteger max) {
            for (int k = 0; k < ne; k++) {
                w2[k] = weight[k].longValueExact() << 1;
            }
            Arrays.fill(d, 0, nv, max.longValueExact());
        }

        private long slack(int k) {
            return Math.subtractExact(Math.addExact(d[endpoint[2 * k]], d[endpoint[2 * k + 1]]), w2[k]);
        }

        int compareSlacks(int k, int l) {
            return Long.compare(slack(k), slack(l));
        }

        int slackSign(int k) {
            return Long.signum(slack(k));
        }

        boolean isZero(int x) {
            return d[x] == 0;
        }

        void setZero(int x) {
            d[x] = 0;
        }

        void deltaFromDual(int x) {
            delta = d[x];
        }

        boolean dualBelowDelta(int x) {
            return d[x] < delta;
        }

        boolean takeSlackIfBelow(int k, boolean half) {
            long s = slack(k);
            if (half) {
                if ((s & 1) != 0) {
                    throw new IllegalStateException("odd slack between S-blossoms: duals would leave the integers");
                }
                s >>= 1;
            }
            if (s < delta) {
                delta = s;
                return true;
            }
            return false;
        }

        boolean deltaIsZero() {
            return delta == 0;
        }

        void shift(int x, int sign) {
            d[x] = sign > 0 ? Math.addExact(d[x], delta) : Math.subtractExact(d[x], delta);
        }

        int reducedCostSign(int k, int[] blossoms, int from, int to) {
            long s = slack(k);
            for (int a = from; a < to; a++) {
                s = Math.addExact(s, Math.multiplyExact(d[blossoms[a]], 2));
            }
            return Long.signum(s);
        }
    }

    private final class WideDuals extends Duals {
        private final BigInteger[] d = new BigInteger[2 * nv];
        private final BigInteger[] w2 = new BigInteger[ne];
        private BigInteger delta;

        WideDuals(BigInteger[] weight, BigInteger max) {
            for (int k = 0; k < ne; k++) {
                w2[k] = weight[k].shiftLeft(1);
            }
            Arrays.fill(d, 0, nv, max);
            Arrays.fill(d, nv, 2 * nv, BigInteger.ZERO);
        }

        private BigInteger slack(int k) {
            return d[endpoint[2 * k]].add(d[endpoint[2 * k + 1]]).subtract(w2[k]);
        }

        int compareSlacks(int k, int l) {
            return slack(k).compareTo(slack(l));
        }

        int slackSign(int k) {
            return slack(k).signum();
        }

        boolean isZero(int x) {
            return d[x].signum() == 0;
        }

        void setZero(int x) {
            d[x] = BigInteger.ZERO;
        }

        void deltaFromDual(int x) {
            delta = d[x];
        }

        boolean dualBelowDelta(int x) {
            return d[x].compareTo(delta) < 0;
        }

        boolean takeSlackIfBelow(int k, boolean half) {
            BigInteger s = slack(k);
            if (half) {
                if (s.testBit(0)) {
                    throw new IllegalStateException("odd slack between S-blossoms: duals would leave the integers");
                }
                s = s.shiftRight(1);
            }
            if (s.compareTo(delta) < 0) {
                delta = s;
                return true;
            }
            return false;
        }

        boolean deltaIsZero() {
            return delta.signum() == 0;
        }

        void shift(int x, int sign) {
            d[x] = sign > 0 ? d[x].add(delta) : d[x].subtract(delta);
        }

        int reducedCostSign(int k, int[] blossoms, int from, int to) {
            BigInteger s = slack(k);
            for (int a = from; a < to; a++) {
                s = s.add(d[blossoms[a]].shiftLeft(1));
            }
            return s.signum();
        }
    }

    /** The vertices of a (possibly trivial) blossom, appended to {@code out}; returns the new size. */
    private int leaves(int b, int[] out, int size) {
        if (b < nv) {
            out[size++] = b;
            return size;
        }
        for (int t : blossomchilds[b]) {
            size = leaves(t, out, size);
        }
        return size;
    }

    private int[] leaves(int b) {
        int[] buf = new int[nv];
        int size = leaves(b, buf, 0);
        return Arrays.copyOf(buf, size);
    }

    private void push(int v) {
        if (queueSize == queue.length) {
            queue = Arrays.copyOf(queue, 2 * queueSize);
        }
        queue[queueSize++] = v;
    }

    /** Labels the top-level blossom of w with t, reached through the edge with remote endpoint p. */
    private void assignLabel(int w, int t, int p) {
        int b = inblossom[w];
        label[w] = label[b] = t;
        labelend[w] = labelend[b] = p;
        bestedge[w] = bestedge[b] = -1;
        if (t == 1) {
            if (b < nv) {
                push(b);
            } else {
                for (int v : leaves(b)) {
                    push(v);
                }
            }
        } else if (t == 2) {
            // A T-blossom's base is its only vertex with an outside mate; that mate becomes S.
            int base = blossombase[b];
            assignLabel(endpoint[mate[base]], 1, mate[base] ^ 1);
        }
    }

    /** Traces back from v and w: the base of a new blossom, or -1 when they lead to an augmenting path. */
    private int scanBlossom(int v, int w) {
        int[] path = new int[2 * nv];
        int size = 0;
        int base = -1;
        while (v != -1 || w != -1) {
            int b = inblossom[v];
            if ((label[b] & 4) != 0) {
                base = blossombase[b];
                break;
            }
            path[size++] = b;
            label[b] = 5;
            if (labelend[b] == -1) {
                v = -1; // the base of b is single: this path ends here
            } else {
                v = endpoint[labelend[b]];
                b = inblossom[v];
                v = endpoint[labelend[b]];
            }
            if (w != -1) {
                int swap = v;
                v = w;
                w = swap;
            }
        }
        for (int k = 0; k < size; k++) {
            label[path[k]] = 1;
        }
        return base;
    }

    /** A new S-blossom with the given base, closed by edge k between two S-vertices. */
    private void addBlossom(int base, int k) {
        int v = endpoint[2 * k];
        int w = endpoint[2 * k + 1];
        int bb = inblossom[base];
        int bv = inblossom[v];
        int bw = inblossom[w];
        int b = unused[--unusedCount];
        blossombase[b] = base;
        blossomparent[b] = -1;
        blossomparent[bb] = b;
        IntList path = new IntList();
        IntList endps = new IntList();
        while (bv != bb) {
            blossomparent[bv] = b;
            path.add(bv);
            endps.add(labelend[bv]);
            v = endpoint[labelend[bv]];
            bv = inblossom[v];
        }
        path.add(bb);
        path.reverse();
        endps.reverse();
        endps.add(2 * k);
        while (bw != bb) {
            blossomparent[bw] = b;
            path.add(bw);
            endps.add(labelend[bw] ^ 1);
            w = endpoint[labelend[bw]];
            bw = inblossom[w];
        }
        label[b] = 1;
        labelend[b] = labelend[bb];
        duals.setZero(b);
        blossomchilds[b] = path.toArray();
        blossomendps[b] = endps.toArray();
        for (int x : leaves(b)) {
            if (label[inblossom[x]] == 2) {
                push(x); // a T-vertex turns S inside the new S-blossom
            }
            inblossom[x] = b;
        }
        // The least-slack edge from the new blossom to each neighbouring S-blossom.
        int[] bestedgeto = new int[2 * nv];
        Arrays.fill(bestedgeto, -1);
        for (int sub : blossomchilds[b]) {
            int[][] lists;
            if (blossombestedges[sub] == null) {
                int[] ls = leaves(sub);
                lists = new int[ls.length][];
                for (int j = 0; j < ls.length; j++) {
                    int[] nb = neighbend[ls[j]];
                    lists[j] = new int[nb.length];
                    for (int q = 0; q < nb.length; q++) {
                        lists[j][q] = nb[q] / 2;
                    }
                }
            } else {
                lists = new int[][] {blossombestedges[sub]};
            }
            for (int[] list : lists) {
                for (int e : list) {
                    int i = endpoint[2 * e];
                    int j = endpoint[2 * e + 1];
                    if (inblossom[j] == b) {
                        j = i;
                    }
                    int bj = inblossom[j];
                    if (bj != b && label[bj] == 1
                            && (bestedgeto[bj] == -1 || duals.compareSlacks(e, bestedgeto[bj]) < 0)) {
                        bestedgeto[bj] = e;
                    }
                }
            }
            blossombestedges[sub] = null;
            bestedge[sub] = -1;
        }
        IntList best = new IntList();
        for (int e : bestedgeto) {
            if (e != -1) {
                best.add(e);
            }
        }
        blossombestedges[b] = best.toArray();
        bestedge[b] = -1;
        for (int e : blossombestedges[b]) {
            if (bestedge[b] == -1 || duals.compareSlacks(e, bestedge[b]) < 0) {
                bestedge[b] = e;
            }
        }
    }

    private static int at(int[] a, int j) {
        return a[Math.floorMod(j, a.length)];
    }

    /** Dissolves a top-level blossom (at the end of a stage, or a T-blossom whose dual reached zero). */
    private void expandBlossom(int b, boolean endStage) {
        for (int s : blossomchilds[b]) {
            blossomparent[s] = -1;
            if (s < nv) {
                inblossom[s] = s;
            } else if (endStage && duals.isZero(s)) {
                expandBlossom(s, endStage);
            } else {
                for (int v : leaves(s)) {
                    inblossom[v] = s;
                }
            }
        }
        if (!endStage && label[b] == 2) {
            // Relabel the sub-blossoms from the one the T-label came through round to the base.
            int[] childs = blossomchilds[b];
            int[] endps = blossomendps[b];
            int entrychild = inblossom[endpoint[labelend[b] ^ 1]];
            int j = indexOf(childs, entrychild);
            int jstep;
            int endptrick;
            if ((j & 1) != 0) {
                j -= childs.length;
                jstep = 1;
                endptrick = 0;
            } else {
                jstep = -1;
                endptrick = 1;
            }
            int p = labelend[b];
            while (j != 0) {
                label[endpoint[p ^ 1]] = 0;
                label[endpoint[at(endps, j - endptrick) ^ endptrick ^ 1]] = 0;
                assignLabel(endpoint[p ^ 1], 2, p);
                allowedge[at(endps, j - endptrick) / 2] = true;
                j += jstep;
                p = at(endps, j - endptrick) ^ endptrick;
                allowedge[p / 2] = true;
                j += jstep;
            }
            // The base sub-blossom becomes T without passing the label on to its mate.
            int bv = at(childs, j);
            label[endpoint[p ^ 1]] = label[bv] = 2;
            labelend[endpoint[p ^ 1]] = labelend[bv] = p;
            bestedge[bv] = -1;
            j += jstep;
            while (at(childs, j) != entrychild) {
                bv = at(childs, j);
                if (label[bv] == 1) {
                    j += jstep;
                    continue;
                }
                int reached = -1;
                for (int v : leaves(bv)) {
                    if (label[v] != 0) {
                        reached = v;
                        break;
                    }
                }
                if (reached != -1) {
                    label[reached] = 0;
                    label[endpoint[mate[blossombase[bv]]]] = 0;
                    assignLabel(reached, 2, labelend[reached]);
                }
                j += jstep;
            }
        }
        label[b] = labelend[b] = -1;
        blossomchilds[b] = blossomendps[b] = null;
        blossombase[b] = -1;
        blossombestedges[b] = null;
        bestedge[b] = -1;
        unused[unusedCount++] = b;
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        throw new IllegalStateException("not a sub-blossom");
    }

    /** Swaps matched and unmatched edges along the path in blossom b from vertex v to its base. */
    private void augmentBlossom(int b, int v) {
        int t = v;
        while (blossomparent[t] != b) {
            t = blossomparent[t];
        }
        if (t >= nv) {
            augmentBlossom(t, v);
        }
        int[] childs = blossomchilds[b];
        int[] endps = blossomendps[b];
        int i = indexOf(childs, t);
        int j = i;
        int jstep;
        int endptrick;
        if ((i & 1) != 0) {
            j -= childs.length;
            jstep = 1;
            endptrick = 0;
        } else {
            jstep = -1;
            endptrick = 1;
        }
        while (j != 0) {
            j += jstep;
            t = at(childs, j);
            int p = at(endps, j - endptrick) ^ endptrick;
            if (t >= nv) {
                augmentBlossom(t, endpoint[p]);
            }
            j += jstep;
            t = at(childs, j);
            if (t >= nv) {
                augmentBlossom(t, endpoint[p ^ 1]);
            }
            mate[endpoint[p]] = p ^ 1;
            mate[endpoint[p ^ 1]] = p;
        }
        // Rotate so that the new base comes first.
        blossomchilds[b] = rotate(childs, i);
        blossomendps[b] = rotate(endps, i);
        blossombase[b] = blossombase[blossomchilds[b][0]];
    }

    private static int[] rotate(int[] a, int i) {
        int[] out = new int[a.length];
        System.arraycopy(a, i, out, 0, a.length - i);
        System.arraycopy(a, 0, out, a.length - i, i);
        return out;
    }

    /** Augments along the path through edge k (between two S-vertices) to two single vertices. */
    private void augmentMatching(int k) {
        for (int side = 0; side < 2; side++) {
            int s = endpoint[2 * k + side];
            int p = 2 * k + 1 - side;
            while (true) {
                int bs = inblossom[s];
                if (bs >= nv) {
                    augmentBlossom(bs, s);
                }
                mate[s] = p;
                if (labelend[bs] == -1) {
                    break; // reached a single vertex
                }
                int t = endpoint[labelend[bs]];
                int bt = inblossom[t];
                s = endpoint[labelend[bt]];
                int j = endpoint[labelend[bt] ^ 1];
                if (bt >= nv) {
                    augmentBlossom(bt, j);
                }
                mate[j] = labelend[bt];
                p = labelend[bt] ^ 1;
            }
        }
    }

    private void run() {
        for (int stage = 0; stage < nv; stage++) {
            Arrays.fill(label, 0);
            Arrays.fill(bestedge, -1);
            Arrays.fill(blossombestedges, nv, 2 * nv, null);
            Arrays.fill(allowedge, false);
            queueSize = 0;
            for (int v = 0; v < nv; v++) {
                if (mate[v] == -1 && label[inblossom[v]] == 0) {
                    assignLabel(v, 1, -1);
                }
            }
            boolean augmented = false;
            while (true) {
                // Label everything reachable along tight alternating paths.
                while (queueSize > 0 && !augmented) {
                    int v = queue[--queueSize];
                    for (int p : neighbend[v]) {
                        int k = p / 2;
                        int w = endpoint[p];
                        if (inblossom[v] == inblossom[w]) {
                            continue;
                        }
                        if (!allowedge[k]) {
                            if (duals.slackSign(k) <= 0) {
                                allowedge[k] = true;
                            }
                        }
                        if (allowedge[k]) {
                            if (label[inblossom[w]] == 0) {
                                assignLabel(w, 2, p ^ 1);
                            } else if (label[inblossom[w]] == 1) {
                                int base = scanBlossom(v, w);
                                if (base >= 0) {
                                    addBlossom(base, k);
                                } else {
                                    augmentMatching(k);
                                    augmented = true;
                                    break;
                                }
                            } else if (label[w] == 0) {
                                // w sits in a T-blossom and is now reachable from outside it (needed on expansion).
                                label[w] = 2;
                                labelend[w] = p ^ 1;
                            }
                        } else if (label[inblossom[w]] == 1) {
                            int b = inblossom[v];
                            if (bestedge[b] == -1 || duals.compareSlacks(k, bestedge[b]) < 0) {
                                bestedge[b] = k;
                            }
                        } else if (label[w] == 0) {
                            if (bestedge[w] == -1 || duals.compareSlacks(k, bestedge[w]) < 0) {
                                bestedge[w] = k;
                            }
                        }
                    }
                }
                if (augmented) {
                    break;
                }
                // No augmenting path on tight edges: move the duals by the largest safe delta (all doubled).
                int deltatype = 1;
                duals.deltaFromDual(0);
                for (int v = 1; v < nv; v++) {
                    if (duals.dualBelowDelta(v)) {
                        duals.deltaFromDual(v);
                    }
                }
                int deltaedge = -1;
                int deltablossom = -1;
                for (int v = 0; v < nv; v++) {
                    if (label[inblossom[v]] == 0 && bestedge[v] != -1 && duals.takeSlackIfBelow(bestedge[v], false)) {
                        deltatype = 2;
                        deltaedge = bestedge[v];
                    }
                }
                for (int b = 0; b < 2 * nv; b++) {
                    if (blossomparent[b] == -1 && label[b] == 1 && bestedge[b] != -1
                            && duals.takeSlackIfBelow(bestedge[b], true)) {
                        deltatype = 3;
                        deltaedge = bestedge[b];
                    }
                }
                for (int b = nv; b < 2 * nv; b++) {
                    if (blossombase[b] >= 0 && blossomparent[b] == -1 && label[b] == 2 && duals.dualBelowDelta(b)) {
                        duals.deltaFromDual(b);
                        deltatype = 4;
                        deltablossom = b;
                    }
                }
                if (!duals.deltaIsZero()) {
                    for (int v = 0; v < nv; v++) {
                        int l = label[inblossom[v]];
                        if (l == 1) {
                            duals.shift(v, -1);
                        } else if (l == 2) {
                            duals.shift(v, 1);
                        }
                    }
                    for (int b = nv; b < 2 * nv; b++) {
                        if (blossombase[b] >= 0 && blossomparent[b] == -1) {
                            if (label[b] == 1) {
                                duals.shift(b, 1);
                            } else if (label[b] == 2) {
                                duals.shift(b, -1);
                            }
                        }
                    }
                }
                if (deltatype == 1) {
                    break; // a single vertex's dual reached zero: optimum
                } else if (deltatype == 2) {
                    allowedge[deltaedge] = true;
                    int i = endpoint[2 * deltaedge];
                    if (label[inblossom[i]] == 0) {
                        i = endpoint[2 * deltaedge + 1];
                    }
                    push(i);
                } else if (deltatype == 3) {
                    allowedge[deltaedge] = true;
                    push(endpoint[2 * deltaedge]);
                } else {
                    expandBlossom(deltablossom, false);
                }
            }
            if (!augmented) {
                break;
            }
            // End of stage: S-blossoms whose dual is zero are no longer needed.
            for (int b = nv; b < 2 * nv; b++) {
                if (blossomparent[b] == -1 && blossombase[b] >= 0 && label[b] == 1 && duals.isZero(b)) {
                    expandBlossom(b, true);
                }
            }
        }
    }

    /** A growable int list. */
    private static final class IntList {
        private int[] a = new int[8];
        private int size;

        void add(int x) {
            if (size == a.length) {
                a = Arrays.copyOf(a, 2 * size);
            }
            a[size++] = x;
        }

        void reverse() {
            for (int i = 0, j = size - 1; i < j; i++, j--) {
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Trade;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tie-break keys: deterministic, independent of arrival order, and unpredictable to any one solver.
 *
 * <p>Each bid has a digest (SHA-256 of its canonical content). The auction's salt is SHA-256 over the auction id
 * and every bid's digest in sorted order; a bid's key is SHA-256(salt, digest). Because the salt depends on every
 * other solver's sealed bid, a solver cannot grind its own bid to get a high key: the rule is a fair lottery
 * that is replayable by anyone with the same input. Among selections of equal total score, the one whose
 * per-(bid, intent) keys sum higher wins (see {@link #intentKey}), which also prefers trading more intents.
 * Those keys are as wide as the winner-determination objective can spare (20 to 40 bits).
 */
public final class TieBreak {
    private final byte[] salt;
    private final Map<String, byte[]> digests;

    private TieBreak(byte[] salt, Map<String, byte[]> digests) {
        this.salt = salt;
        this.digests = digests;
    }

    public static TieBreak of(Competition competition) {
        Map<String, byte[]> digests = new HashMap<>();
        List<byte[]> sorted = new ArrayList<>();
        // Lower-case each intent's uid once; trades name intents by their declared spelling.
        Map<String, String> canonical = new HashMap<>();
        competition.auction().intents().forEach(i -> canonical.put(i.uid(), Hex.canonical(i.uid())));
        // Each canonical uid's rank among the distinct canonical uids: comparing ranks is comparing the uids.
        Map<String, Integer> rank = new HashMap<>();
        new java.util.TreeSet<>(canonical.values()).forEach(u -> rank.put(u, rank.size()));
        for (Bid bid : competition.bids()) {
            byte[] d = digest(bid, canonical, rank);
            digests.put(bid.id(), d);
            sorted.add(d);
        }
        sorted.sort(TieBreak::compareBytes);
        MessageDigest sha = sha256();
        sha.update(("fair-auction/tie/v1\0" + competition.auction().id() + "\0").getBytes(StandardCharsets.UTF_8));
        sorted.forEach(sha::update);
        return new TieBreak(sha.digest(), digests);
    }

    /** The bid's 256-bit key. */
    public BigInteger bidKey(String bidId) {
        MessageDigest sha = sha256();
        sha.update(salt);
        sha.update(digestOf(bidId));
        return new BigInteger(1, sha.digest());
    }

    /**
     * The key of the bid's trade on one intent, in [1, 2^bits) for bits up to 62; the intent is named by its
     * rank in canonical (lower-case uid) order, which every replay of the auction agrees on.
     */
    public long intentKey(String bidId, int intentRank, int bits) {
        MessageDigest sha = sha256();
        sha.update(salt);
        sha.update(digestOf(bidId));
        sha.update(new byte[] {(byte) (intentRank >>> 24), (byte) (intentRank >>> 16), (byte) (intentRank >>> 8), (byte) intentRank});
        return fold(sha.digest(), bits);
    }

    /**
     * {@link #intentKey} of one bid for each of the given intent ranks. The salt and the bid's digest fill exactly
     * one hash block, so its state is computed once and copied per intent: a large bundle (hundreds of trades)
     * then costs one block per trade instead of two, and no provider look-up.
     */
    public long[] intentKeys(String bidId, int[] intentRanks, int bits) {
        MessageDigest prefix = sha256();
        prefix.update(salt);
        prefix.update(digestOf(bidId));
        long[] keys = new long[intentRanks.length];
        for (int k = 0; k < keys.length; k++) {
            int r = intentRanks[k];
            MessageDigest sha = copy(prefix);
            sha.update(new byte[] {(byte) (r >>> 24), (byte) (r >>> 16), (byte) (r >>> 8), (byte) r});
            keys[k] = fold(sha.digest(), bits);
        }
        return keys;
    }

    private static long fold(byte[] h, int bits) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFFL);
        }
        return Long.remainderUnsigned(v, (1L << bits) - 1) + 1;
    }

    private static MessageDigest copy(MessageDigest sha) {
        try {
            return (MessageDigest) sha.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private byte[] digestOf(String bidId) {
        byte[] d = digests.get(bidId);
        if (d == null) {
            throw new IllegalArgumentException("unknown bid " + bidId);
        }
        return d;
    }

    /**
     * SHA-256 of the bid's canonical content: its id and solver, then per trade, in order of canonical intent uid
     * (then executed sell and buy amounts), the uid and both amounts, each as a length-prefixed field.
     *
     * @param rank each canonical uid's rank among the auction's distinct canonical uids, so that trades on the
     *             auction's intents sort by an int; a bid naming another intent, or one intent twice, sorts by
     *             the uid strings and amounts instead (same order)
     */
    static byte[] digest(Bid bid, Map<String, String> canonical, Map<String, Integer> rank) {
        List<Trade> trades = bid.trades();
        int n = trades.size();
        String[] uids = new String[n];
        long[] keyed = new long[n];
        boolean ranked = true;
        for (int k = 0; k < n; k++) {
            String intent = trades.get(k).intent();
            String uid = canonical.get(intent);
            uids[k] = uid != null ? uid : Hex.canonical(intent);
            Integer r = ranked ? rank.get(uids[k]) : null;
            if (r == null) {
                ranked = false;
            } else {
                keyed[k] = ((long) r << 32) | k;
            }
        }
        int[] order = null;
        if (ranked) {
            java.util.Arrays.sort(keyed);
            order = new int[n];
            for (int j = 0; j < n && order != null; j++) {
                if (j > 0 && (keyed[j] >>> 32) == (keyed[j - 1] >>> 32)) {
                    order = null;
                } else {
                    order[j] = (int) keyed[j];
                }
            }
        }
        if (order == null) {
            order = orderByComparator(bid, uids);
        }
        Fields f = new Fields(64 + 96 * n);
        f.field("bid".getBytes(StandardCharsets.UTF_8));
        f.field(bid.id().getBytes(StandardCharsets.UTF_8));
        f.field(bid.solver().getBytes(StandardCharsets.UTF_8));
        for (int k : order) {
            Trade t = trades.get(k);
            f.field(uids[k].getBytes(StandardCharsets.UTF_8));
            f.field(t.executedSell().toByteArray());
            f.field(t.executedBuy().toByteArray());
        }
        MessageDigest sha = sha256();
        sha.update(f.bytes, 0, f.size);
        return sha.digest();
    }

    /** The trade positions by canonical uid, then executed sell and buy amounts. */
    private static int[] orderByComparator(Bid bid, String[] uids) {
        Integer[] order = new Integer[uids.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparing((Integer k) -> uids[k])
                .thenComparing(k -> bid.trades().get(k).executedSell())
                .thenComparing(k -> bid.trades().get(k).executedBuy()));
        int[] o = new int[order.length];
        for (int k = 0; k < o.length; k++) {
            o[k] = order[k];
        }
        return o;
    }

    /** The bytes a digest hashes, gathered to be hashed in one update: length-prefixed fields. */
    private static final class Fields {
        byte[] bytes;
        int size;

        Fields(int capacity) {
            bytes = new byte[capacity];
        }

        /** A length-prefixed field, so that no two different bids hash the same bytes. */
        void field(byte[] b) {
            int n = b.length;
            if (size + 4 + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + 4 + n));
            }
            bytes[size] = (byte) (n >>> 24);
            bytes[size + 1] = (byte) (n >>> 16);
            bytes[size + 2] = (byte) (n >>> 8);
            bytes[size + 3] = (byte) n;
            System.arraycopy(b, 0, bytes, size + 4, n);
            size += 4 + n;
        }
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

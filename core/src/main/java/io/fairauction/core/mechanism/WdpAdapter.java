package io.fairauction.core.mechanism;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.wdp.Constraints;
import io.fairauction.core.wdp.WdpBid;
import io.fairauction.core.wdp.WdpProblem;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns scored bids into a {@link WdpProblem}. Every index is assigned in a canonical order (intents by uid,
 * pairs by token addresses, solvers by name, bids in rank order), so the problem does not depend on the order
 * anything arrived in.
 */
final class WdpAdapter {
    final WdpProblem problem;
    final List<ScoredBid> bids;

    WdpAdapter(Auction auction, List<ScoredBid> bids, Constraints constraints, TieBreak tieBreak) {
        this.bids = List.copyOf(bids);
        // Intents indexed in canonical (lower-case uid) order.
        List<Intent> sorted = Screening.canonicalOrder(auction);
        Map<Intent, Integer> intentIndex = new java.util.IdentityHashMap<>();
        sorted.forEach(i -> intentIndex.put(i, intentIndex.size()));
        // Pair keys once per intent, not once per trade: they lower-case addresses.
        Map<Intent, String> pairOf = new java.util.IdentityHashMap<>();
        auction.intents().forEach(i -> pairOf.put(i, pairKey(auction, i)));
        TreeSet<String> pairs = new TreeSet<>();
        TreeSet<String> solvers = new TreeSet<>();
        for (ScoredBid b : bids) {
            solvers.add(b.solver());
            b.trades().forEach(t -> pairs.add(pairOf.get(t.intent())));
        }
        Map<String, Integer> pairIndex = index(pairs);
        Map<String, Integer> solverIndex = index(solvers);

        int tieBits = tieBits(bids, sorted.size());
        List<WdpBid> wdp = new ArrayList<>(bids.size());
        for (ScoredBid b : bids) {
            int[] in = b.trades().stream().mapToInt(t -> intentIndex.get(t.intent())).sorted().toArray();
            int[] pr = b.trades().stream().mapToInt(t -> pairIndex.get(pairOf.get(t.intent()))).distinct().sorted().toArray();
            long tie = 0;
            for (long key : tieBreak.intentKeys(b.id(), in, tieBits)) {
                tie += key;
            }
            wdp.add(new WdpBid(b.id(), in, pr, solverIndex.get(b.solver()), b.score(), tie));
        }
        this.problem = new WdpProblem(wdp, sorted.size(), pairs.size(), Math.max(1, solvers.size()), constraints, tieBits);
    }

    /**
     * Tie keys as wide as the objective can spare: when scores are small (CATS-like auctions), wider keys make a
     * tie in both score and key sum ever less likely, at no cost, since the packed objective still fits in one
     * CP-SAT phase. Wei-sized scores need several phases anyway, where ties are settled exactly, so they keep the
     * narrowest keys.
     */
    private static int tieBits(List<ScoredBid> bids, int intents) {
        BigInteger total = BigInteger.ONE;
        long trades = 1;
        for (ScoredBid b : bids) {
            total = total.add(b.score());
            trades += b.trades().size();
        }
        int intentBits = 64 - Long.numberOfLeadingZeros(Math.max(1, intents));
        int tradeBits = 64 - Long.numberOfLeadingZeros(trades);
        int spare = 58 - total.bitLength() - intentBits - Math.max(0, tradeBits - intentBits);
        return Math.max(WdpProblem.MIN_TIE_BITS, Math.min(WdpProblem.MAX_TIE_BITS, spare));
    }

    List<ScoredBid> winners(List<Integer> chosen) {
        List<ScoredBid> w = new ArrayList<>();
        chosen.forEach(k -> w.add(bids.get(k)));
        return w;
    }

    /** A directed pair with the native-token placeholder merged into the wrapped native token, as CoW does. */
    static String pairKey(Auction auction, Intent intent) {
        return erc20(auction, intent.sellToken()) + ">" + erc20(auction, intent.buyToken());
    }

    static String erc20(Auction auction, String token) {
        return Hex.same(token, Auction.NATIVE_TOKEN) ? Hex.canonical(auction.wrappedNativeToken()) : Hex.canonical(token);
    }

    private static Map<String, Integer> index(TreeSet<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        for (String k : keys) {
            m.put(k, m.size());
        }
        return m;
    }

    static BigInteger sum(List<ScoredBid> bids) {
        return bids.stream().map(ScoredBid::score).reduce(BigInteger.ZERO, BigInteger::add);
    }
}

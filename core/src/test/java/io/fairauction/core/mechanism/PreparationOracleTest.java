package io.fairauction.core.mechanism;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The faster preparation steps against the straightforward versions they replaced (kept here as oracles), on
 * seeded random bids with mixed-case uids, repeated and unknown intents, equal and differing amounts.
 */
class PreparationOracleTest {

    private static String uid(int k, boolean upper) {
        String hex = String.format("%0112x", (long) k * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
        return "0x" + (upper ? hex.toUpperCase() : hex);
    }

    private static BigInteger amount(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> BigInteger.ONE;
            case 1 -> BigInteger.valueOf(rnd.nextInt(3) + 1);
            case 2 -> U256.WAD.add(BigInteger.valueOf(rnd.nextInt(5)));
            default -> new BigInteger(1 + rnd.nextInt(255), rnd);
        };
    }

    private record Case(List<String> intentUids, Bid bid) {
    }

    private static Case randomCase(Random rnd) {
        int intents = 1 + rnd.nextInt(12);
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < intents; k++) {
            // Some auctions list two intents whose uids differ only in letter case.
            uids.add(uid(rnd.nextInt(3) == 0 && k > 0 ? k - 1 : k, rnd.nextBoolean()));
        }
        int n = 1 + rnd.nextInt(10);
        List<Trade> trades = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String intent;
            int pick = rnd.nextInt(10);
            if (pick == 0) {
                intent = uid(1000 + rnd.nextInt(3), rnd.nextBoolean()); // not in the auction
            } else if (pick == 1) {
                String u = uids.get(rnd.nextInt(intents));
                intent = rnd.nextBoolean() ? u.toUpperCase().replace("0X", "0x") : u.toLowerCase(); // other spelling
            } else {
                intent = uids.get(rnd.nextInt(intents)); // may repeat
            }
            trades.add(new Trade(intent, amount(rnd), amount(rnd)));
        }
        return new Case(uids, new Bid("b" + rnd.nextInt(100), "solver-" + rnd.nextInt(3), trades));
    }

    /** The digest as it was: trades sorted by comparing canonical uid strings, then amounts, fields hashed one by one. */
    static byte[] oracleDigest(Bid bid, Map<String, String> canonical) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        field(sha, "bid".getBytes(StandardCharsets.UTF_8));
        field(sha, bid.id().getBytes(StandardCharsets.UTF_8));
        field(sha, bid.solver().getBytes(StandardCharsets.UTF_8));
        List<String> uids = new ArrayList<>();
        for (Trade t : bid.trades()) {
            String uid = canonical.get(t.intent());
            uids.add(uid != null ? uid : Hex.canonical(t.intent()));
        }
        Integer[] order = new Integer[uids.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparing((Integer k) -> uids.get(k))
                .thenComparing(k -> bid.trades().get(k).executedSell())
                .thenComparing(k -> bid.trades().get(k).executedBuy()));
        for (int k : order) {
            Trade t = bid.trades().get(k);
            field(sha, uids.get(k).getBytes(StandardCharsets.UTF_8));
            field(sha, t.executedSell().toByteArray());
            field(sha, t.executedBuy().toByteArray());
        }
        return sha.digest();
    }

    private static void field(MessageDigest sha, byte[] bytes) {
        int n = bytes.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        sha.update(bytes);
    }

    @Test
    void tieDigestMatchesTheStringSortedDigest() throws Exception {
        Random rnd = new Random(20261130);
        for (int c = 0; c < 20_000; c++) {
            Case k = randomCase(rnd);
            Map<String, String> canonical = new HashMap<>();
            k.intentUids().forEach(u -> canonical.put(u, Hex.canonical(u)));
            Map<String, Integer> rank = new HashMap<>();
            new TreeSet<>(canonical.values()).forEach(u -> rank.put(u, rank.size()));
            assertArrayEquals(oracleDigest(k.bid(), canonical), TieBreak.digest(k.bid(), canonical, rank),
                    "case " + c + ": " + k);
        }
    }

    @Test
    void rankOrderMatchesTheComparatorOrder() {
        Random rnd = new Random(7);
        for (int c = 0; c < 20_000; c++) {
            Case k = randomCase(rnd);
            int[] rank = new int[k.bid().trades().size()];
            int distinct = 1 + rnd.nextInt(rank.length + 2);
            for (int j = 0; j < rank.length; j++) {
                rank[j] = rnd.nextInt(distinct); // repeats where distinct < trades
            }
            assertEquals(Screening.rankOrderWithAmounts(k.bid(), rank), Screening.rankOrder(k.bid(), rank),
                    "case " + c + ": " + Arrays.toString(rank) + " " + k);
        }
    }

    @Test
    void toNativeMatchesTheFormula() {
        Random rnd = new Random(11);
        for (int c = 0; c < 50_000; c++) {
            BigInteger amount = c % 3 == 0 ? new BigInteger(1 + rnd.nextInt(256), rnd)
                    : BigInteger.ONE.shiftLeft(190 + rnd.nextInt(12)).add(BigInteger.valueOf(rnd.nextInt(3) - 1));
            BigInteger price = rnd.nextInt(4) == 0 ? new BigInteger(1 + rnd.nextInt(80), rnd) : U256.WAD;
            assertEquals(U256.saturatingMul(amount, price).divide(U256.WAD), U256.toNative(amount, price),
                    amount + " at " + price);
        }
    }
}

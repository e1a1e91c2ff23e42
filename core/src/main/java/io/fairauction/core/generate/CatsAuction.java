package io.fairauction.core.generate;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a CATS instance (goods, and bids on bundles of goods with prices) as an intent auction whose
 * winner-determination problem is the same weighted set packing: good {@code j} is intent {@code j}, and a bid of
 * price {@code P} on a bundle is a bid whose trades give each trader a share of {@code P} as surplus. Both tokens
 * have 18 decimals and a native price of 10^18, so a surplus of {@code s} base units scores exactly {@code s} wei
 * and the bid's score is its CATS price.
 *
 * <p>CATS adds dummy goods to make a bidder's bids exclusive (XOR). An intent auction has no XOR bids, so none are
 * added: the instance is the set-packing core of the CATS one. Bidders are dealt round-robin to the solvers.
 */
final class CatsAuction {
    /** What every CATS trader sells and, at the limit, receives: one whole token. */
    static final BigInteger UNIT = U256.WAD;
    private static final String TOKEN_A = "0x00000000000000000000000000000000000ca75a";
    private static final String TOKEN_B = "0x00000000000000000000000000000000000ca75b";
    private static final long VALID_TO = 1_790_003_600L;

    private CatsAuction() {
    }

    /**
     * One CATS bid.
     *
     * @param bidder  the CATS bidder (a bidder's bundles are its XOR set)
     * @param goods   the bundle, as intent indexes, distinct
     * @param price   the bid's price, a non-negative integer
     * @param weights how the price is shared among the goods (proportionally; non-negative)
     */
    record CatsBid(int bidder, int[] goods, long price, long[] weights) {
        CatsBid {
            if (goods.length == 0 || goods.length != weights.length || price < 0) {
                throw new IllegalArgumentException("malformed CATS bid");
            }
        }
    }

    static Competition toCompetition(AuctionGenerator.Spec spec, List<CatsBid> catsBids) {
        Map<String, Token> tokens = new LinkedHashMap<>();
        tokens.put(TOKEN_A, new Token(TOKEN_A, 18, "CATS-A", U256.WAD));
        tokens.put(TOKEN_B, new Token(TOKEN_B, 18, "CATS-B", U256.WAD));
        List<Intent> intents = new ArrayList<>();
        for (int j = 0; j < spec.intents(); j++) {
            // Half the goods each way, so pair-based rules (cow) see both directions.
            boolean ab = j % 2 == 0;
            intents.add(new Intent(uid(j), owner(j), Side.SELL, ab ? TOKEN_A : TOKEN_B, ab ? TOKEN_B : TOKEN_A,
                    UNIT, UNIT, VALID_TO, ""));
        }
        List<Bid> bids = new ArrayList<>();
        int total = catsBids.size();
        for (CatsBid cb : catsBids) {
            long[] shares = Draw.split(cb.price(), cb.weights());
            List<Trade> trades = new ArrayList<>();
            for (int k = 0; k < cb.goods().length; k++) {
                trades.add(new Trade(uid(cb.goods()[k]), UNIT, UNIT.add(BigInteger.valueOf(shares[k]))));
            }
            bids.add(new Bid(Draw.bid(bids.size(), total), Draw.solver(cb.bidder() % spec.solvers(), spec.solvers()), trades));
        }
        String id = spec.style() + "-" + Long.toUnsignedString(spec.seed());
        return new Competition(new Auction(id, tokens, intents), bids);
    }

    /** The uid of good {@code j}: its number, readable in any output. */
    static String uid(int j) {
        return "0x" + String.format(java.util.Locale.ROOT, "%0112x", j + 1);
    }

    private static String owner(int j) {
        return "0x" + String.format(java.util.Locale.ROOT, "%040x", 0xca75L << 32 | (j + 1));
    }

    /** Each good's weight in the price split, from a double value (negative values count as zero). */
    static long weight(double value) {
        return value > 0 ? Math.round(value * 1e6) : 0;
    }

    /** A CATS real-valued price as an integer: scaled, then floored as CATS does with integer prices. */
    static long price(double value, double scale) {
        return value > 0 ? (long) StrictMath.floor(value * scale) : 0;
    }
}

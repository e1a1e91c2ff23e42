package io.fairauction.core.testing;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small random competitions for property tests, deterministic per seed. Amounts are chosen to hit the
 * interesting cases often: bids exactly at the limit, ties between solvers, batched bids that are fair on some
 * intents and not others, sell and buy intents, tokens with different decimals and native prices, and a share of
 * unusable bids.
 */
public final class RandomCompetitions {

    /** Knobs for one family of competitions. */
    public record Shape(int intents, int solvers, int individualBids, int batchedBids, int maxBatch,
                        double invalidShare) {
        public static Shape small() {
            return new Shape(5, 3, 7, 6, 3, 0.1);
        }
    }

    private RandomCompetitions() {
    }

    public static Competition generate(long seed, Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Token> tokens = new LinkedHashMap<>();
        int tokenCount = 3 + r.nextInt(3);
        for (int t = 0; t < tokenCount; t++) {
            String address = String.format("0x%040x", 0xA0 + t);
            int decimals = List.of(18, 6, 8).get(r.nextInt(3));
            // Native prices from 0.1 to 10 ETH per 10^18 base units; a 6-decimal token gets a large price.
            BigInteger price = BigInteger.valueOf(1 + r.nextInt(100)).multiply(BigInteger.TEN.pow(17));
            if (decimals == 6) {
                price = price.multiply(BigInteger.TEN.pow(12));
            }
            tokens.put(address, new Token(address, decimals, "T" + t, price));
        }
        List<String> addresses = new ArrayList<>(tokens.keySet());

        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < shape.intents(); i++) {
            int a = r.nextInt(addresses.size());
            int b = (a + 1 + r.nextInt(addresses.size() - 1)) % addresses.size();
            Side side = r.nextInt(4) == 0 ? Side.BUY : Side.SELL;
            BigInteger sell = BigInteger.valueOf(1_000 + r.nextInt(9_000));
            BigInteger buy = BigInteger.valueOf(1_000 + r.nextInt(9_000));
            intents.add(new Intent(String.format("0x%02x", i + 1), String.format("0x%040x", 0xBEEF + i), side,
                    addresses.get(a), addresses.get(b), sell, buy, 1_790_000_000L, ""));
        }
        Auction auction = new Auction("rnd-" + seed, tokens, intents);

        List<Bid> bids = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < shape.individualBids(); k++) {
            Intent intent = intents.get(r.nextInt(intents.size()));
            bids.add(new Bid("i" + n++, solver(r, shape), List.of(trade(r, intent, shape))));
        }
        for (int k = 0; k < shape.batchedBids(); k++) {
            int size = 2 + r.nextInt(Math.max(1, Math.min(shape.maxBatch(), intents.size()) - 1));
            List<Intent> pool = new ArrayList<>(intents);
            shuffle(pool, r);
            List<Trade> trades = new ArrayList<>();
            for (Intent intent : pool.subList(0, Math.min(size, pool.size()))) {
                trades.add(trade(r, intent, shape));
            }
            bids.add(new Bid("m" + n++, solver(r, shape), trades));
        }
        return new Competition(auction, bids);
    }

    /**
     * {@link #generate} plus what only the file format carries, so every write branch of the auction JSON runs:
     * a signature on every other intent (65 random bytes), one to three interactions on every other bid (a random
     * target, a value that is zero or up to 2^256-1, call data that is empty or a few bytes), and on odd seeds a
     * wrapped native token other than mainnet WETH (on even seeds the default, which the writer leaves out).
     * Uses its own random stream, so the competition is {@link #generate}'s apart from these fields.
     */
    public static Competition generateWithWireFields(long seed, Shape shape) {
        Competition c = generate(seed, shape);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_F11EL);
        List<Intent> intents = new ArrayList<>();
        for (int k = 0; k < c.auction().intents().size(); k++) {
            Intent i = c.auction().intents().get(k);
            String signature = k % 2 == 0 ? randomHex(r, 65) : "";
            intents.add(new Intent(i.uid(), i.owner(), i.side(), i.sellToken(), i.buyToken(), i.sellAmount(),
                    i.buyAmount(), i.validTo(), signature));
        }
        List<Bid> bids = new ArrayList<>();
        for (int k = 0; k < c.bids().size(); k++) {
            Bid b = c.bids().get(k);
            List<Interaction> interactions = new ArrayList<>();
            if (k % 2 == 0) {
                for (int x = 1 + r.nextInt(3); x > 0; x--) {
                    BigInteger value = r.nextBoolean() ? BigInteger.ZERO
                            : new BigInteger(1 + r.nextInt(256), new java.util.Random(r.nextLong()));
                    interactions.add(new Interaction(randomHex(r, 20), value, r.nextBoolean() ? "0x" : randomHex(r, 1 + r.nextInt(68))));
                }
            }
            bids.add(new Bid(b.id(), b.solver(), b.trades(), interactions));
        }
        Auction a = c.auction();
        String weth = seed % 2 == 1 ? randomHex(r, 20) : Auction.MAINNET_WETH;
        return new Competition(new Auction(a.id(), a.tokens(), intents, weth), bids);
    }

    private static String randomHex(SplittableRandom r, int bytes) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < bytes; i++) {
            s.append(String.format("%02x", r.nextInt(256)));
        }
        return s.toString();
    }

    private static String solver(SplittableRandom r, Shape shape) {
        return "S" + (1 + r.nextInt(shape.solvers()));
    }

    /** A trade whose improvement over the limit comes from a small set, so ties are frequent. */
    private static Trade trade(SplittableRandom r, Intent intent, Shape shape) {
        long improvement = List.of(0L, 1L, 5L, 10L, 10L, 20L, 35L, 50L).get(r.nextInt(8));
        boolean invalid = r.nextDouble() < shape.invalidShare();
        if (intent.side() == Side.SELL) {
            BigInteger executedBuy = intent.buyAmount().add(BigInteger.valueOf(invalid ? -1 : improvement));
            return new Trade(intent.uid(), intent.sellAmount(), executedBuy);
        }
        BigInteger executedSell = intent.sellAmount().subtract(BigInteger.valueOf(invalid ? -1 : improvement));
        return new Trade(intent.uid(), executedSell, intent.buyAmount());
    }

    public static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, r.nextInt(i + 1));
        }
    }

    /** The same competition with bids, intents and tokens in another order. */
    public static Competition shuffled(Competition c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Bid> bids = new ArrayList<>(c.bids());
        shuffle(bids, r);
        List<Intent> intents = new ArrayList<>(c.auction().intents());
        shuffle(intents, r);
        List<Map.Entry<String, Token>> tokens = new ArrayList<>(c.auction().tokens().entrySet());
        shuffle(tokens, r);
        Map<String, Token> tokenMap = new LinkedHashMap<>();
        tokens.forEach(e -> tokenMap.put(e.getKey(), e.getValue()));
        List<Bid> reordered = new ArrayList<>();
        for (Bid b : bids) {
            List<Trade> trades = new ArrayList<>(b.trades());
            shuffle(trades, r);
            reordered.add(new Bid(b.id(), b.solver(), trades, b.interactions()));
        }
        Auction a = c.auction();
        return new Competition(new Auction(a.id(), tokenMap, intents, a.wrappedNativeToken()), reordered);
    }
}

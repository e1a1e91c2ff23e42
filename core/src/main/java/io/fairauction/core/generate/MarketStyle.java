package io.fairauction.core.generate;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A realistic auction after the model of Canidio &amp; Henneke (sections 2-5): every trade type (token pair) has
 * a strong solver, whose production {@code β} is drawn from {@code [β̲, β̄]}, and a weak one, who produces
 * {@code β̲}; a third solver sits in between. Individual bids are production shaded by a small margin. A batched
 * bid is one solver's production on 2-5 intents times a batching factor {@code g ≥ 1} drawn per batch, up to a
 * ceiling set by how related the intents are (see {@link #G_COW}); a quarter of them move value from one trader to
 * another (same total, one trader below the best individual bid) so the fairness filter has work to do.
 *
 * <p>Production and limits are set relative to the market price (the ratio of native prices) so that every bid
 * respects its limit: each intent gets exactly {@code min(solvers, 3)} individual bids, and the auction has
 * {@code intents * min(solvers, 3) + batchedBids} bids.
 */
final class MarketStyle implements Style {
    static final int INDIVIDUAL_BIDS_PER_INTENT = 3;

    /** The weak solver's production relative to the market price (β̲) and the strong solver's best (β̄). */
    static final double BETA_LOW = 0.997;
    static final double BETA_HIGH = 1.003;
    /** How much of production a solver keeps: individual and batched bids are shaded by up to this much. */
    private static final double MAX_MARGIN = 0.0015;
    /**
     * The batching factor g of the paper, drawn per batched bid from {@code [1, ceiling]}. The ceiling depends on
     * how the batch's intents are related, as on a real exchange: opposite intents on one pair can match directly
     * with no AMM fee or price impact (a coincidence of wants); same-direction intents on one pair share a route;
     * intents linked through a shared token share part of one; unrelated intents only share the gas overhead.
     */
    static final double G_LOW = 1.00;
    static final double G_COW = 1.05;
    static final double G_SAME_PAIR = 1.02;
    static final double G_SHARED_TOKEN = 1.01;
    static final double G_UNRELATED = 1.002;
    /** Limit prices sit this far below the market (slippage tolerance); at least β̲ shaded by the margin. */
    private static final double SLIPPAGE_LOW = 0.005;
    private static final double SLIPPAGE_HIGH = 0.03;
    private static final double BUY_SIDE_SHARE = 0.2;
    static final double UNFAIR_SHARE = 0.25;
    private static final double AT_LIMIT_SHARE = 0.02;
    /** Trade sizes in ETH, log-uniform: from dust to whales. */
    private static final double MIN_SIZE_ETH = 0.005;
    private static final double MAX_SIZE_ETH = 200;
    /** A fixed time, not the clock: the output must not depend on when it is generated. */
    private static final long VALID_FROM = 1_790_000_000L;

    private static final BigInteger WAD = U256.WAD;

    /** Symbol, decimals, approximate price in ETH, and how often it is traded (relative). */
    private record Listing(String symbol, int decimals, double ethPrice, double popularity) {
    }

    private static final double USD = 1.0 / 3000;
    private static final List<Listing> LISTINGS = List.of(
            new Listing("WETH", 18, 1.0, 30),
            new Listing("USDC", 6, USD, 30),
            new Listing("USDT", 6, USD, 20),
            new Listing("DAI", 18, USD, 12),
            new Listing("WBTC", 8, 20.0, 8),
            new Listing("wstETH", 18, 1.18, 6),
            new Listing("LINK", 18, 0.005, 4),
            new Listing("UNI", 18, 0.003, 3),
            new Listing("AAVE", 18, 0.05, 3),
            new Listing("PEPE", 18, 3e-9, 3),
            new Listing("rETH", 18, 1.12, 2),
            new Listing("USDe", 18, USD, 2),
            new Listing("MKR", 18, 0.6, 2),
            new Listing("LDO", 18, 0.0006, 2),
            new Listing("CRV", 18, 0.0002, 2),
            new Listing("COW", 18, 0.0001, 2),
            new Listing("SHIB", 18, 6e-9, 1.5),
            new Listing("GNO", 18, 0.07, 1.5),
            new Listing("cbBTC", 8, 20.0, 1.5),
            new Listing("EURC", 6, 1.08 * USD, 1),
            new Listing("PYUSD", 6, USD, 1),
            new Listing("ENS", 18, 0.007, 1),
            new Listing("SNX", 18, 0.0007, 1),
            new Listing("1INCH", 18, 0.00012, 1),
            new Listing("BAL", 18, 0.0012, 1),
            new Listing("COMP", 18, 0.017, 1),
            new Listing("YFI", 18, 2.0, 0.5),
            new Listing("SUSHI", 18, 0.00025, 0.5),
            new Listing("GRT", 18, 0.00004, 0.5),
            new Listing("FRAX", 18, USD, 0.5));
    private static final int[] SYNTHETIC_DECIMALS = {6, 8, 18, 18, 18};

    @Override
    public String name() {
        return "market";
    }

    @Override
    public String summary() {
        return "realistic: tokens, pairs and sizes as on mainnet; a strong and a weak solver per pair (the paper's model),"
                + " batched bids with a batching factor g, some of them unfair";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return intents >= 2 ? 2 * intents : 0;
    }

    @Override
    public int maxIntents() {
        return 100_000;
    }

    @Override
    public void check(AuctionGenerator.Spec spec) {
        if (spec.batchedBids() > 0 && spec.intents() < 2) {
            throw new IllegalArgumentException("batched bids need at least 2 intents");
        }
        long total = (long) spec.intents() * Math.min(spec.solvers(), INDIVIDUAL_BIDS_PER_INTENT) + spec.batchedBids();
        if (total > AuctionGenerator.MAX_BIDS) {
            throw new IllegalArgumentException("that is " + total + " bids; at most " + AuctionGenerator.MAX_BIDS);
        }
    }

    /** An intent with what the generator knows about it. */
    private record Order(Intent intent, int sellToken, int buyToken, int strong, int weak, long strongBetaPpb,
                         BigInteger market, BigInteger best) {
        boolean isSell() {
            return intent.side() == Side.SELL;
        }

        /** The amount on the side the trader is paid on: buy for sells, sell for buys. */
        BigInteger limit() {
            return intent.limitAmount();
        }

        /** Whether {@code a} is strictly better for the trader than {@code b}. */
        boolean better(BigInteger a, BigInteger b) {
            return isSell() ? a.compareTo(b) > 0 : a.compareTo(b) < 0;
        }

        Order withBest(BigInteger amount) {
            return new Order(intent, sellToken, buyToken, strong, weak, strongBetaPpb, market, amount);
        }
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return new Generation(spec).run();
    }

    /** One generation run: all state of a single auction, drawn from one random stream in a fixed order. */
    private static final class Generation {
        final AuctionGenerator.Spec spec;
        final SplittableRandom rng;
        final int solverCount;
        final List<Token> tokens = new ArrayList<>();
        final double[] popularity;
        final List<Order> orders = new ArrayList<>();
        /** Per unordered token pair (the paper's trade type): its strong and weak solver. */
        final Map<Long, int[]> specialists = new HashMap<>();
        /** Intents each solver is strong on, and intents per unordered pair and per token: where batches form. */
        final List<List<Integer>> strongOn = new ArrayList<>();
        final Map<Long, List<Integer>> byPair = new HashMap<>();
        final Map<Integer, List<Integer>> byToken = new HashMap<>();
        /** Production of a solver that is neither strong nor weak on an intent, drawn once and reused. */
        final Map<Long, Long> otherBetaPpb = new HashMap<>();

        Generation(AuctionGenerator.Spec spec) {
            this.spec = spec;
            this.rng = new SplittableRandom(spec.seed());
            this.solverCount = spec.solvers();
            int tokenCount = Math.max(10, Math.min(40, 10 + spec.intents() / 30));
            this.popularity = new double[tokenCount];
            for (int s = 0; s < solverCount; s++) {
                strongOn.add(new ArrayList<>());
            }
        }

        Competition run() {
            makeTokens();
            makeIntents();
            List<Bid> bids = new ArrayList<>();
            int total = orders.size() * Math.min(solverCount, INDIVIDUAL_BIDS_PER_INTENT) + spec.batchedBids();
            makeIndividualBids(bids, total);
            for (int b = 0; b < spec.batchedBids(); b++) {
                bids.add(batchedBid(Draw.bid(bids.size(), total)));
            }
            Map<String, Token> tokenMap = new LinkedHashMap<>();
            tokens.forEach(t -> tokenMap.put(t.address(), t));
            List<Intent> intents = orders.stream().map(Order::intent).toList();
            Auction auction = new Auction("market-" + Long.toUnsignedString(spec.seed()), tokenMap, intents);
            return new Competition(auction, bids);
        }

        // ---- tokens --------------------------------------------------------------------------------------

        void makeTokens() {
            Set<String> addresses = new HashSet<>();
            for (int t = 0; t < popularity.length; t++) {
                Listing l;
                if (t < LISTINGS.size()) {
                    l = LISTINGS.get(t);
                } else {
                    // Long tail: unknown tokens with any decimals and prices from a millionth of an ETH to one ETH.
                    l = new Listing("TKN" + (t + 1), SYNTHETIC_DECIMALS[rng.nextInt(SYNTHETIC_DECIMALS.length)],
                            Draw.logUniform(rng, 1e-6, 1.0), 0.3);
                }
                // Prices move a little from auction to auction; wrapped ether is worth one ether, always.
                double drift = Draw.uniform(rng, 0.97, 1.03);
                double ethPrice = l.symbol().equals("WETH") ? 1.0 : l.ethPrice() * drift;
                BigInteger weiPerToken = new BigDecimal(ethPrice).multiply(new BigDecimal(WAD)).toBigInteger();
                // nativePrice is wei per 10^18 base units; a token has 10^decimals base units.
                BigInteger nativePrice = l.decimals() <= 18
                        ? weiPerToken.multiply(BigInteger.TEN.pow(18 - l.decimals()))
                        : weiPerToken.divide(BigInteger.TEN.pow(l.decimals() - 18));
                String address;
                if (l.symbol().equals("WETH")) {
                    // The mainnet address, so the cow mechanism's ETH/WETH handling sees the real thing.
                    address = Auction.MAINNET_WETH;
                    addresses.add(address.toLowerCase(java.util.Locale.ROOT));
                } else {
                    do {
                        address = Draw.hex(rng, 20); // lower case, like the set
                    } while (!addresses.add(address));
                }
                tokens.add(new Token(address, l.decimals(), l.symbol(), nativePrice.max(BigInteger.ONE)));
                popularity[t] = l.popularity();
            }
        }

        BigInteger price(int token) {
            return tokens.get(token).nativePrice();
        }

        // ---- intents -------------------------------------------------------------------------------------

        void makeIntents() {
            int ownerCount = Math.max(1, spec.intents() * 2 / 3);
            List<String> owners = new ArrayList<>();
            for (int o = 0; o < ownerCount; o++) {
                owners.add(Draw.hex(rng, 20));
            }
            for (int i = 0; i < spec.intents(); i++) {
                int sell = Draw.weighted(rng, popularity);
                double[] others = popularity.clone();
                others[sell] = 0;
                int buy = Draw.weighted(rng, others);
                Side side = rng.nextDouble() < BUY_SIDE_SHARE ? Side.BUY : Side.SELL;
                long sizeMicroEth = Math.max(1, Math.round(Draw.logUniform(rng, MIN_SIZE_ETH, MAX_SIZE_ETH) * 1e6));
                BigInteger sizeWei = BigInteger.valueOf(sizeMicroEth).multiply(BigInteger.TEN.pow(12));
                long slippagePpb = Draw.ppb(Draw.uniform(rng, SLIPPAGE_LOW, SLIPPAGE_HIGH));

                BigInteger sellAmount;
                BigInteger buyAmount;
                BigInteger market;
                if (side == Side.SELL) {
                    sellAmount = sizeWei.multiply(WAD).divide(price(sell)).max(BigInteger.ONE);
                    market = sellAmount.multiply(price(sell)).divide(price(buy)).max(BigInteger.ONE);
                    buyAmount = Draw.scaleDown(market, Draw.PPB - slippagePpb).max(BigInteger.ONE);
                } else {
                    buyAmount = sizeWei.multiply(WAD).divide(price(buy)).max(BigInteger.ONE);
                    market = Draw.ceilDiv(buyAmount.multiply(price(buy)), price(sell)).max(BigInteger.ONE);
                    sellAmount = Draw.divideUp(market, Draw.PPB - slippagePpb);
                }

                long pair = pairKey(sell, buy);
                int[] sw = specialists.computeIfAbsent(pair, k -> pickSpecialists());
                long strongBeta = Draw.ppb(Draw.uniform(rng, BETA_LOW, BETA_HIGH));
                String uid = Draw.hex(rng, 56);
                String owner = owners.get(rng.nextInt(owners.size()));
                long validTo = VALID_FROM + 60 + rng.nextInt(3600);
                Intent intent = new Intent(uid, owner, side, tokens.get(sell).address(), tokens.get(buy).address(),
                        sellAmount, buyAmount, validTo, "");
                orders.add(new Order(intent, sell, buy, sw[0], sw[1], strongBeta, market, intent.limitAmount()));
                strongOn.get(sw[0]).add(i);
                byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(i);
                byToken.computeIfAbsent(sell, k -> new ArrayList<>()).add(i);
                byToken.computeIfAbsent(buy, k -> new ArrayList<>()).add(i);
            }
        }

        static long pairKey(int a, int b) {
            return ((long) Math.min(a, b) << 32) | Math.max(a, b);
        }

        /** The strong and the weak solver of a new trade type; the same one twice when there is only one solver. */
        int[] pickSpecialists() {
            int strong = rng.nextInt(solverCount);
            if (solverCount == 1) {
                return new int[] {strong, strong};
            }
            int weak = rng.nextInt(solverCount - 1);
            return new int[] {strong, weak >= strong ? weak + 1 : weak};
        }

        // ---- production and amounts -----------------------------------------------------------------------

        /** Solver {@code s}'s production on intent {@code i} relative to the market price, in ppb. */
        long beta(int s, int i) {
            Order o = orders.get(i);
            if (s == o.strong()) {
                return o.strongBetaPpb();
            }
            if (s == o.weak()) {
                return Draw.ppb(BETA_LOW);
            }
            return otherBetaPpb.computeIfAbsent((long) i * solverCount + s,
                    k -> Draw.ppb(Draw.uniform(rng, BETA_LOW, (BETA_LOW + BETA_HIGH) / 2)));
        }

        /** The trade that gives the trader {@code factorPpb} of the market price, never beyond the limit. */
        Trade trade(Order o, long factorPpb) {
            Intent in = o.intent();
            if (o.isSell()) {
                BigInteger buy = Draw.scaleDown(o.market(), factorPpb).max(in.buyAmount());
                return new Trade(in.uid(), in.sellAmount(), buy);
            }
            BigInteger sell = Draw.divideUp(o.market(), factorPpb).min(in.sellAmount()).max(BigInteger.ONE);
            return new Trade(in.uid(), sell, in.buyAmount());
        }

        /** The amount of a trade on the side the trader is paid on. */
        static BigInteger paid(Order o, Trade t) {
            return o.isSell() ? t.executedBuy() : t.executedSell();
        }

        long shaded(long ppb) {
            return Math.round(ppb * (1 - Draw.uniform(rng, 0, MAX_MARGIN)));
        }

        // ---- individual bids --------------------------------------------------------------------------------

        void makeIndividualBids(List<Bid> bids, int total) {
            int perIntent = Math.min(solverCount, INDIVIDUAL_BIDS_PER_INTENT);
            for (int i = 0; i < orders.size(); i++) {
                Order o = orders.get(i);
                List<Integer> bidders = new ArrayList<>(List.of(o.strong()));
                if (perIntent >= 2) {
                    bidders.add(o.weak());
                }
                while (bidders.size() < perIntent) {
                    int s = rng.nextInt(solverCount);
                    if (!bidders.contains(s)) {
                        bidders.add(s);
                    }
                }
                for (int s : bidders) {
                    Trade t = rng.nextDouble() < AT_LIMIT_SHARE
                            ? atLimit(o) // a solver that passes on nothing: score 0
                            : trade(o, shaded(beta(s, i)));
                    bids.add(new Bid(Draw.bid(bids.size(), total), Draw.solver(s, solverCount), List.of(t)));
                    if (o.better(paid(o, t), o.best())) {
                        o = o.withBest(paid(o, t));
                    }
                }
                orders.set(i, o);
            }
        }

        static Trade atLimit(Order o) {
            Intent in = o.intent();
            return new Trade(in.uid(), in.sellAmount(), in.buyAmount());
        }

        // ---- batched bids -----------------------------------------------------------------------------------

        Bid batchedBid(String id) {
            int s = rng.nextInt(solverCount);
            int size = 2 + rng.nextInt(Math.min(5, orders.size()) - 1);
            List<Integer> bundle = bundle(s, size);
            double g = Draw.uniform(rng, G_LOW, batchingCeiling(bundle));
            List<Trade> trades = new ArrayList<>();
            for (int i : bundle) {
                trades.add(trade(orders.get(i), shaded(Math.round(beta(s, i) * g))));
            }
            if (rng.nextDouble() < UNFAIR_SHARE) {
                shiftValue(bundle, trades);
            }
            return new Bid(id, Draw.solver(s, solverCount), trades);
        }

        /**
         * The intents of a batch: where solver {@code s} is strong, then intents that share the pair (coincidences
         * of wants) or a token with one already in, else any.
         */
        List<Integer> bundle(int s, int size) {
            List<Integer> bundle = new ArrayList<>();
            List<Integer> mine = strongOn.get(s);
            bundle.add(!mine.isEmpty() && rng.nextDouble() < 0.7
                    ? mine.get(rng.nextInt(mine.size()))
                    : rng.nextInt(orders.size()));
            while (bundle.size() < size) {
                Order anchor = orders.get(bundle.get(rng.nextInt(bundle.size())));
                double u = rng.nextDouble();
                List<Integer> pool;
                if (u < 0.5) {
                    pool = byPair.get(pairKey(anchor.sellToken(), anchor.buyToken()));
                } else if (u < 0.8) {
                    pool = byToken.get(rng.nextBoolean() ? anchor.sellToken() : anchor.buyToken());
                } else {
                    pool = null;
                }
                int candidate = pool == null ? rng.nextInt(orders.size()) : pool.get(rng.nextInt(pool.size()));
                if (bundle.contains(candidate)) {
                    // Small pools run dry: take the next intent not yet in, from a random start.
                    int start = rng.nextInt(orders.size());
                    candidate = -1;
                    for (int k = 0; k < orders.size() && candidate < 0; k++) {
                        int c = (start + k) % orders.size();
                        if (!bundle.contains(c)) {
                            candidate = c;
                        }
                    }
                }
                bundle.add(candidate);
            }
            return bundle;
        }

        /** The highest batching factor the intents of a bundle allow (see {@link #G_COW}). */
        double batchingCeiling(List<Integer> bundle) {
            Order first = orders.get(bundle.get(0));
            long pair = pairKey(first.sellToken(), first.buyToken());
            if (bundle.stream().allMatch(i -> pairKey(orders.get(i).sellToken(), orders.get(i).buyToken()) == pair)) {
                boolean bothWays = bundle.stream().anyMatch(i -> orders.get(i).sellToken() != first.sellToken());
                return bothWays ? G_COW : G_SAME_PAIR;
            }
            // Linked through tokens: every intent reachable from the first by intents sharing a token.
            Set<Integer> reached = new HashSet<>(List.of(first.sellToken(), first.buyToken()));
            List<Integer> left = new ArrayList<>(bundle.subList(1, bundle.size()));
            boolean grew = true;
            while (grew && !left.isEmpty()) {
                grew = left.removeIf(i -> {
                    Order o = orders.get(i);
                    if (reached.contains(o.sellToken()) || reached.contains(o.buyToken())) {
                        reached.add(o.sellToken());
                        reached.add(o.buyToken());
                        return true;
                    }
                    return false;
                });
            }
            return left.isEmpty() ? G_SHARED_TOKEN : G_UNRELATED;
        }

        /**
         * Makes a batched bid unfair the way the paper's batch-auction equilibria are: one trader (the victim) gets
         * less than the best individual bid on their intent, and the value is handed to another trader of the
         * batch, so the bid's total stays high. Traders whose best individual bid is the limit cannot be made
         * worse off, so they are never the victim.
         */
        void shiftValue(List<Integer> bundle, List<Trade> trades) {
            List<Integer> victims = new ArrayList<>();
            for (int k = 0; k < bundle.size(); k++) {
                Order o = orders.get(bundle.get(k));
                if (o.better(o.best(), o.limit())) {
                    victims.add(k);
                }
            }
            if (victims.isEmpty()) {
                return;
            }
            int v = victims.get(rng.nextInt(victims.size()));
            int b = rng.nextInt(bundle.size() - 1);
            if (b >= v) {
                b++;
            }
            Order victim = orders.get(bundle.get(v));
            Order beneficiary = orders.get(bundle.get(b));
            long cutPpb = Draw.ppb(Draw.uniform(rng, 0.001, 0.01));
            Trade vt = trades.get(v);
            BigInteger valueWei;
            if (victim.isSell()) {
                BigInteger worse = Draw.scaleDown(victim.best(), Draw.PPB - cutPpb)
                        .max(victim.limit()).min(victim.best().subtract(BigInteger.ONE));
                BigInteger taken = vt.executedBuy().subtract(worse);
                valueWei = taken.signum() > 0 ? taken.multiply(price(victim.buyToken())).divide(WAD) : BigInteger.ZERO;
                trades.set(v, new Trade(vt.intent(), vt.executedSell(), worse.min(vt.executedBuy())));
            } else {
                BigInteger worse = Draw.divideUp(victim.best(), Draw.PPB - cutPpb)
                        .min(victim.limit()).max(victim.best().add(BigInteger.ONE));
                BigInteger taken = worse.subtract(vt.executedSell());
                valueWei = taken.signum() > 0 ? taken.multiply(price(victim.sellToken())).divide(WAD) : BigInteger.ZERO;
                trades.set(v, new Trade(vt.intent(), worse.max(vt.executedSell()), vt.executedBuy()));
            }
            Trade bt = trades.get(b);
            if (beneficiary.isSell()) {
                BigInteger more = valueWei.multiply(WAD).divide(price(beneficiary.buyToken()));
                trades.set(b, new Trade(bt.intent(), bt.executedSell(), bt.executedBuy().add(more)));
            } else {
                BigInteger less = valueWei.multiply(WAD).divide(price(beneficiary.sellToken()));
                trades.set(b, new Trade(bt.intent(), bt.executedSell().subtract(less).max(BigInteger.ONE), bt.executedBuy()));
            }
        }
    }
}

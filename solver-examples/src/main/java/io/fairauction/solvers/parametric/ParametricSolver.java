package io.fairauction.solvers.parametric;

import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.model.Trade;
import io.fairauction.sdk.AuctionView;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.SolveContext;
import io.fairauction.sdk.Solver;
import io.fairauction.sdk.Uint256;
import io.fairauction.solvers.amm.AmmRouter;
import io.fairauction.solvers.cow.CowMatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parametric solver of Canidio &amp; Henneke's model (sections 2-4 of the seed paper), for experiments: a
 * <em>specialisation</em> per trade type and a <em>batching factor</em> {@code g}.
 *
 * <p>In the paper a solver matched with one order produces {@code β} units of the asset (more on the trade type it
 * is strong at, {@code β̲} on the other), and matched with both orders produces {@code g·β} of each, {@code g ≥ 1}.
 * Here a trade type is an unordered token pair; the solver's <em>production</em> on an intent is what the pools pay
 * for it (the AMM router's route), and its specialisation {@code β} (parts per million) is the share of that
 * production it passes to the trader in its individual bid. Its batched bid, one per trade type with two or more
 * sell intents, offers each trader {@code g} times its individual bid.
 *
 * <p>{@link Mode#EXECUTABLE} (default): bids must settle, so a batched bid gives each trader
 * {@code min(g · individual, what the batch's execution pays)}: the batch's execution matches opposite intents
 * directly ({@link CowMatch}) or routes same-direction intents one after the other through the pools; every bid
 * carries those interactions and settles on chain. {@link Mode#SIMULATION}: amounts are the model's alone
 * ({@code β} may exceed one, as for a specialist with private inventory) and bids carry no interactions: they are
 * for replays and mechanism experiments only, and would revert on chain.
 *
 * @param specialisationPpm  {@code β} per trade type, keyed {@code "SYM1/SYM2"} (symbols sorted; addresses when a
 *                           token has no symbol), parts per million
 * @param defaultSpecialisationPpm {@code β} of every other trade type
 * @param batchingFactorPpm  {@code g} in parts per million ({@code 1_000_000} is {@code g = 1})
 * @param mode               executable bids, or the model's amounts for simulation only
 * @param slippageBps        room left on pool swaps (as the router)
 */
public record ParametricSolver(Map<String, Long> specialisationPpm, long defaultSpecialisationPpm,
                               long batchingFactorPpm, Mode mode, int slippageBps) implements Solver {
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    /** Whether bids must settle on chain. */
    public enum Mode {
        /** Bids settle: amounts capped by what their interactions pay. */
        EXECUTABLE,
        /** The model's amounts, no interactions: replays and experiments only. */
        SIMULATION
    }

    /** Passes on 99.8% of production, {@code g = 1.01}, executable. */
    public static final ParametricSolver DEFAULT = new ParametricSolver(Map.of(), 998_000, 1_010_000, Mode.EXECUTABLE,
            AmmRouter.DEFAULT.slippageBps());

    public ParametricSolver {
        specialisationPpm = Map.copyOf(new TreeMap<>(specialisationPpm));
        if (batchingFactorPpm < 1_000_000) {
            throw new IllegalArgumentException("the batching factor g must be at least 1 (1_000_000 ppm)");
        }
        List<Long> betas = new ArrayList<>(specialisationPpm.values());
        betas.add(defaultSpecialisationPpm);
        for (long beta : betas) {
            if (beta <= 0 || (mode == Mode.EXECUTABLE && beta > 1_000_000)) {
                throw new IllegalArgumentException("specialisation must be in (0, 1_000_000] ppm for executable bids, got " + beta);
            }
        }
    }

    public ParametricSolver() {
        this(DEFAULT.specialisationPpm, DEFAULT.defaultSpecialisationPpm, DEFAULT.batchingFactorPpm, DEFAULT.mode,
                DEFAULT.slippageBps);
    }

    /** {@code β} of the intent's trade type. */
    public long specialisation(AuctionView auction, Intent intent) {
        return specialisationPpm.getOrDefault(tradeType(auction, intent), defaultSpecialisationPpm);
    }

    /** The trade type of an intent: its two tokens' symbols, sorted, joined by a slash. */
    public static String tradeType(AuctionView auction, Intent intent) {
        String a = label(auction, intent.sellToken());
        String b = label(auction, intent.buyToken());
        return a.compareTo(b) <= 0 ? a + "/" + b : b + "/" + a;
    }

    private static String label(AuctionView auction, String token) {
        return auction.token(token).map(Token::label).orElse(token);
    }

    /** What one intent's individual bid gives: the trade and its interactions. */
    private record Individual(Intent intent, Trade trade, List<Interaction> interactions) {
        BigInteger amount() {
            return intent.side() == Side.SELL ? trade.executedBuy() : trade.executedSell();
        }
    }

    @Override
    public void solve(SolveContext context) {
        AuctionView auction = context.auction();
        List<Intent> intents = new ArrayList<>(auction.intents());
        intents.sort(Comparator.comparing(i -> i.uid().toLowerCase(Locale.ROOT)));
        Map<String, Individual> individual = new TreeMap<>();
        for (Intent intent : intents) {
            if (context.expired()) {
                return;
            }
            individual(auction, intent).ifPresent(b -> {
                individual.put(intent.uid(), b);
                context.offer(Bids.individual("p-" + intent.uid(), b.trade(), b.interactions()));
            });
        }
        Map<String, List<Intent>> byType = new TreeMap<>();
        for (Intent i : intents) {
            if (i.side() == Side.SELL && individual.containsKey(i.uid())) {
                byType.computeIfAbsent(tradeType(auction, i), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Intent>> e : byType.entrySet()) {
            if (context.expired()) {
                return;
            }
            if (e.getValue().size() >= 2) {
                batched(auction, e.getValue(), individual).ifPresent(b ->
                        context.offer(Bids.bid("p-batch-" + e.getKey()).trades(b.trades).interactions(b.interactions).build()));
            }
        }
    }

    private Optional<Individual> individual(AuctionView auction, Intent intent) {
        BigInteger beta = BigInteger.valueOf(specialisation(auction, intent));
        return AmmRouter.route(intent, Liquidity.of(auction), slippageBps).flatMap(r -> {
            BigInteger produced = intent.side() == Side.SELL ? r.trade().executedBuy() : r.trade().executedSell();
            // Sell: the trader gets β of what the route pays; buy: the trader pays the route's input over β.
            BigInteger amount = intent.side() == Side.SELL ? Uint256.mulDiv(produced, beta, MILLION)
                    : Uint256.mulDivUp(produced, MILLION, beta);
            if (!Bids.withinLimit(intent, amount)) {
                return Optional.empty();
            }
            List<Interaction> interactions = mode == Mode.EXECUTABLE
                    ? r.route().interactions(auction.settlement()) : List.of();
            return Optional.of(new Individual(intent, Bids.fill(intent, amount), interactions));
        });
    }

    private record Batch(List<Trade> trades, List<Interaction> interactions) {
    }

    private Optional<Batch> batched(AuctionView auction, List<Intent> intents, Map<String, Individual> individual) {
        BigInteger g = BigInteger.valueOf(batchingFactorPpm);
        Map<String, BigInteger> executable = new TreeMap<>();
        List<Interaction> interactions = new ArrayList<>();
        if (mode == Mode.EXECUTABLE && !execution(auction, intents, executable, interactions)) {
            return Optional.empty();
        }
        List<Trade> trades = new ArrayList<>();
        for (Intent i : intents) {
            BigInteger amount = Uint256.mulDiv(individual.get(i.uid()).amount(), g, MILLION);
            if (mode == Mode.EXECUTABLE) {
                amount = amount.min(executable.get(i.uid()));
            }
            if (!Bids.withinLimit(i, amount)) {
                return Optional.empty();
            }
            trades.add(Bids.fill(i, amount));
        }
        return Optional.of(new Batch(trades, interactions));
    }

    /** What executing the intents together pays each trader, and its interactions; false when it cannot. */
    private boolean execution(AuctionView auction, List<Intent> intents, Map<String, BigInteger> paid,
                              List<Interaction> interactions) {
        String x = intents.get(0).sellToken();
        String y = intents.get(0).buyToken();
        List<Intent> xs = intents.stream().filter(i -> Hex.same(i.sellToken(), x)).toList();
        List<Intent> ys = intents.stream().filter(i -> Hex.same(i.sellToken(), y)).toList();
        if (!xs.isEmpty() && !ys.isEmpty()) {
            Optional<CowMatch> m = CowMatch.match(Liquidity.of(auction), x, y, xs, ys, slippageBps, auction.settlement());
            if (m.isEmpty()) {
                return false;
            }
            m.get().trades().forEach(t -> paid.put(t.intent(), t.executedBuy()));
            interactions.addAll(m.get().interactions());
            return true;
        }
        Liquidity shared = Liquidity.of(auction); // one transaction: each route sees the reserves the last one left
        for (Intent i : intents) {
            Optional<AmmRouter.Routed> r = AmmRouter.route(i, shared, slippageBps);
            if (r.isEmpty()) {
                return false;
            }
            paid.put(i.uid(), r.get().trade().executedBuy());
            interactions.addAll(r.get().route().interactions(auction.settlement()));
        }
        return true;
    }

    /** Runs the parametric solver as a server: {@code --port N --id ID --secret S}. */
    public static void main(String[] args) throws Exception {
        io.fairauction.solvers.ExampleSolvers.main(io.fairauction.solvers.ExampleSolvers.withName("parametric", args));
    }
}

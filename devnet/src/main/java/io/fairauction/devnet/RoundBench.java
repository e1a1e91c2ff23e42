package io.fairauction.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.core.model.Intent;
import io.fairauction.sdk.AuctionView;
import io.fairauction.sdk.Bids;
import io.fairauction.sdk.Liquidity;
import io.fairauction.sdk.Solver;
import io.fairauction.solvers.ExampleSolvers;
import io.fairauction.solvers.amm.AmmRouter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auction round overhead benchmark (issue 8 item 9): the devnet's stack (embedded broker, Anvil with the
 * deployment, collector, gateway and auctioneer as processes, with full JIT compilation as in production) with
 * {@code solvers} instant bidders in process, and {@code intents} open signed intents posted through the collector.
 *
 * <p>Instant bidders: SDK solvers that route {@link #BIDS_PER_SOLVER} of the auction's first {@link #CONTESTED}
 * intents (by uid) through the pools with the example AMM router, each with its own slippage room, and answer at
 * once: real, valid bids, so screening, the mechanism and settlement all run, without solver thinking time (twenty
 * full example solvers on 500 intents would spend the two cores thinking, which is not what is measured).
 *
 * <p>Open intents: every round cuts {@code intents} intents (the auctioneer's per-auction cap). Intents not won stay
 * open and are cut again; the few that win are settled and replaced: the traders keep {@code intents} plus a margin
 * live, posting the top-ups only while solvers think (never while the auctioneer opens or closes), so the
 * collector is setup, not measurement.
 *
 * <p>Per round it reads the auctioneer's step timers from {@code /prometheus} (the deltas of one round), the solvers'
 * own clock when a request reaches {@code solve}, and the events' timestamps.
 */
public final class RoundBench implements AutoCloseable {
    /** The first intents of an auction (by uid) the instant bidders compete for. */
    static final int CONTESTED = 20;
    /** Bids per instant bidder: individual AMM routes, each bidder on its own rotation of the contested intents. */
    static final int BIDS_PER_SOLVER = 10;

    /** How to run; see {@code auction bench-round --help}. */
    public record Options(int intents, int solvers, int rounds, int warmup, long periodMillis, String mechanism,
                          Path stateDir, Optional<Path> json, long seed) {
        public Options {
            if (intents < 1 || intents > 5_000) {
                throw new IllegalArgumentException("--intents must be in 1..5000, got " + intents);
            }
            if (solvers < 1 || solvers > 100) {
                throw new IllegalArgumentException("--solvers must be in 1..100, got " + solvers);
            }
            if (rounds < 1 || warmup < 0) {
                throw new IllegalArgumentException("--rounds must be at least 1 and --warmup not negative");
            }
            if (periodMillis < 200) {
                throw new IllegalArgumentException("--period must be at least 200 ms, got " + periodMillis);
            }
            if (io.fairauction.core.mechanism.Mechanisms.byName(mechanism).isEmpty()) {
                throw new IllegalArgumentException("--mechanism: no mechanism " + mechanism);
            }
        }
    }

    /** The auctioneer's step timers, in the order a round runs them. */
    static final List<String> STEPS = List.of("open.catch-up", "open.catch-up.end-offsets", "open.catch-up.read",
            "open.chain-time", "open.housekeeping", "open.cut", "open.chain-prices", "open.build", "open.publish",
            "open.publish.send", "open.publish.commit", "open.publish.apply",
            "close.catch-up", "close.catch-up.end-offsets", "close.catch-up.read", "close.mechanism", "close.publish",
            "close.publish.send", "close.publish.commit", "close.publish.apply", "settle");

    /** One measured round; times in ms. */
    public record Round(long auctionId, int intents, int bids, int winners, Map<String, Double> steps, double open,
                        double close, double overhead, double openCpu, double closeCpu, double fanOutFirst, double fanOutLast, double solverCompute,
                        double lastBidBeforeDeadline, int settledTrades) {
    }

    private final Options options;
    private final PrintStream out;
    /** Per auction id: when each solver's {@code solve} was entered and left (the solvers' own clock). */
    private final Map<Long, List<long[]>> solverTimes = new ConcurrentHashMap<>();
    private volatile Devnet devnet;
    private final java.util.concurrent.atomic.AtomicInteger bidders = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.concurrent.ExecutorService posters = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-poster");
        t.setDaemon(true);
        return t;
    });

    public RoundBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the benchmark; everything it started is stopped when this returns. */
    public List<Round> run() throws Exception {
        // The devnet names solvers after example solvers; these are served by instant bidders instead.
        List<String> names = java.util.Collections.nCopies(options.solvers(), "amm-router");
        Devnet.Options devnetOptions = new Devnet.Options(0, Duration.ZERO, 1, options.periodMillis(), options.mechanism(),
                names, Map.of(), 0, Optional.empty(), Optional.empty(), Optional.empty(), options.stateDir(), 20,
                options.seed());
        try (Devnet devnet = new Devnet(devnetOptions, out)) {
            this.devnet = devnet;
            devnet.solvers((name, id, secret) -> ExampleSolvers.serve(timed(instantBidder(bidders.getAndIncrement())), id,
                            secret, 0, Duration.ofMillis(150), BIDS_PER_SOLVER))
                    .serviceJvmOptions(ServiceProcess.STEADY_STATE)
                    // The top-ups come from 20 traders in bursts: the per-owner rate limit is not what is measured.
                    .properties("collector", Map.of("fair-auction.collector.rate-limit.capacity", "1000000",
                            "fair-auction.collector.rate-limit.per-second", "1000000"))
                    .properties("auctioneer", Map.of("fair-auction.auctioneer.max-intents-per-auction",
                            Integer.toString(options.intents())));
            devnet.start();
            return measure(devnet);
        } finally {
            posters.shutdownNow();
            this.devnet = null;
        }
    }

    /** Stops everything a running {@link #run()} started (Ctrl-C); {@code run} closes it too. */
    @Override
    public void close() {
        Devnet d = devnet;
        if (d != null) {
            d.close();
        }
    }

    /** Bidder {@code index}: its rotation of the contested intents, and a slippage room of its own. */
    static Solver instantBidder(int index) {
        int slippageBps = 10 + 5 * (index % 20);
        return context -> {
            AuctionView auction = context.auction();
            List<Intent> contested = auction.intents().stream()
                    .sorted(java.util.Comparator.comparing(i -> i.uid().toLowerCase(Locale.ROOT))).limit(CONTESTED).toList();
            for (int j = 0; j < Math.min(BIDS_PER_SOLVER, contested.size()); j++) {
                Intent intent = contested.get((index + j) % contested.size());
                AmmRouter.route(intent, Liquidity.of(auction), slippageBps).ifPresent(r -> context.offer(
                        Bids.individual("i-" + intent.uid(), r.trade(), r.route().interactions(auction.settlement()))));
            }
        };
    }

    private Solver timed(Solver solver) {
        return context -> {
            long entered = System.currentTimeMillis();
            try {
                solver.solve(context);
            } finally {
                solverTimes.computeIfAbsent(Long.parseLong(context.auction().id()),
                        k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new long[] {entered, System.currentTimeMillis()});
            }
        };
    }

    private List<Round> measure(Devnet devnet) throws Exception {
        Watcher watcher = devnet.watcher();
        Traders traders = devnet.traders();
        int margin = Math.max(10, options.intents() / 5);
        out.printf("filling: %d intents (+%d spare for the ones that win) through the collector...%n", options.intents(), margin);
        topUp(watcher, traders, options.intents() + margin);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread topUps = new Thread(() -> {
            while (running.get()) {
                try {
                    if (solversThinking(watcher)) {
                        topUp(watcher, traders, options.intents() + margin);
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    out.println("top-up: " + e.getMessage());
                }
            }
        }, "bench-top-ups");
        topUps.setDaemon(true);
        topUps.start();
        List<Round> rounds = new ArrayList<>();
        try {
            // One scrape while each auction's solvers think: by then the auctioneer has timed this round's opening and
            // the previous round's closing and settlement, and nothing else. So the deltas between two scrapes hold
            // auction k's opening and auction k-1's closing; a round is reported once both halves are in.
            long deadline = System.currentTimeMillis() + 120_000L + (options.rounds() + options.warmup()) * (options.periodMillis() * 3 + 5_000);
            int warm = 0;
            long last = newestOpened(watcher);
            Map<String, double[]> previous = null;
            Map<String, double[]> openingOfLast = null;
            while (rounds.size() < options.rounds()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("only " + rounds.size() + " rounds measured before the time limit");
                }
                long id = newestOpened(watcher);
                if (id <= last) {
                    Thread.sleep(10);
                    continue;
                }
                AuctionOpened opened = watcher.opened.get(id);
                long scrapeAt = opened.openedAtMillis() + (opened.deadlineMillis() - opened.openedAtMillis()) / 3;
                Thread.sleep(Math.max(0, scrapeAt - System.currentTimeMillis()));
                Map<String, double[]> now = scrape(devnet);
                Map<String, double[]> delta = previous == null ? null : delta(previous, now);
                boolean consecutive = id == last + 1;
                if (delta != null && consecutive && openingOfLast != null) {
                    AuctionOpened before = watcher.opened.get(last);
                    AuctionClosed closed = awaitClosed(watcher, last);
                    String why = closed == null || closed.abandoned() ? "not closed" : null;
                    Map<String, double[]> halves = new TreeMap<>();
                    openingOfLast.forEach((k, v) -> {
                        if (k.startsWith("open")) {
                            halves.put(k, v);
                        }
                    });
                    delta.forEach((k, v) -> {
                        if (!k.startsWith("open")) {
                            halves.put(k, v);
                        }
                    });
                    Optional<Round> r = why == null ? round(before, closed, watcher, halves) : Optional.empty();
                    if (r.isEmpty()) {
                        out.printf("auction %d: not measured (%s)%n", last, why != null ? why : "its timers are not one round's");
                    } else if (r.get().intents() < options.intents()) {
                        out.printf("auction %d: %d intents, fewer than %d: not measured%n", last, r.get().intents(), options.intents());
                    } else if (warm++ < options.warmup()) {
                        out.printf("auction %d: warm-up, overhead %.0f ms%n", last, r.get().overhead());
                    } else {
                        rounds.add(r.get());
                        out.printf("auction %d: %d intents, %d bids, %d winners; open %.0f ms, fan-out %.0f ms, close %.0f ms, overhead %.0f ms%n",
                                last, r.get().intents(), r.get().bids(), r.get().winners(), r.get().open(), r.get().fanOutLast(),
                                r.get().close(), r.get().overhead());
                    }
                }
                openingOfLast = delta;
                previous = now;
                last = id;
            }
        } finally {
            running.set(false);
            topUps.interrupt();
            topUps.join(10_000);
        }
        out.print(table(rounds));
        if (options.json().isPresent()) {
            writeJson(rounds, options.json().get());
        }
        return rounds;
    }

    /** True while the newest auction is open and its deadline is more than 200 ms away. */
    private static boolean solversThinking(Watcher watcher) {
        Optional<AuctionOpened> newest = watcher.opened.values().stream().max(java.util.Comparator.comparingLong(AuctionOpened::auctionId));
        return newest.isPresent() && !watcher.closed.containsKey(newest.get().auctionId())
                && newest.get().deadlineMillis() - System.currentTimeMillis() > 200;
    }

    /**
     * Posts intents until {@code target} of the accepted ones are still live (open, in an auction, not yet known),
     * several at a time: each post waits on a chain quote, the signature check and the broker. A post that fails (a
     * busy collector) is made again, up to a bound.
     */
    private void topUp(Watcher watcher, Traders traders, int target) throws IOException, InterruptedException {
        int failures = 0;
        while (true) {
            long live = traders.accepted.keySet().stream().filter(uid -> {
                IntentStatus s = watcher.status.get(uid);
                return s == null || s.state() == IntentStatus.State.OPEN || s.state() == IntentStatus.State.IN_AUCTION;
            }).count();
            if (live >= target) {
                return;
            }
            List<java.util.concurrent.Future<Optional<String>>> posts = new ArrayList<>();
            for (long i = live; i < target; i++) {
                posts.add(posters.submit(() -> traders.submitOne(3_600)));
            }
            for (var f : posts) {
                try {
                    if (f.get().isEmpty()) {
                        failures++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures++;
                }
            }
            if (failures > target) {
                throw new IOException("the collector refused or dropped " + failures + " intents; see " + options.stateDir() + "/logs");
            }
        }
    }

    private static long newestOpened(Watcher watcher) {
        return watcher.opened.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The close of an auction whose successor is open: committed before it, so the watcher has it or soon will. */
    private static AuctionClosed awaitClosed(Watcher watcher, long id) throws InterruptedException {
        long until = System.currentTimeMillis() + 2_000;
        while (!watcher.closed.containsKey(id) && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        return watcher.closed.get(id);
    }

    /** Per timer, {count, sum} of what was recorded between two scrapes. */
    private static Map<String, double[]> delta(Map<String, double[]> before, Map<String, double[]> after) {
        Map<String, double[]> d = new TreeMap<>();
        after.forEach((k, a) -> {
            double[] b = before.getOrDefault(k, new double[2]);
            if (a[0] - b[0] > 0.5) {
                d.put(k, new double[] {a[0] - b[0], a[1] - b[1]});
            }
        });
        return d;
    }

    /** One round from its timers' deltas ({count, sum in seconds}); empty unless they are exactly one round's. */
    private Optional<Round> round(AuctionOpened opened, AuctionClosed closed, Watcher watcher, Map<String, double[]> timers) {
        for (String whole : List.of("open", "close")) {
            if (Math.abs(timers.getOrDefault(whole, new double[2])[0] - 1) > 0.5) {
                return Optional.empty();
            }
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : timers.entrySet()) {
            // The closing is computed in the bid grace again when bids arrive during it: its time is summed.
            if (e.getValue()[0] > 1.5 && !e.getKey().equals("open.publish-housekeeping") && !e.getKey().equals("grace.closing")) {
                return Optional.empty();
            }
            steps.put(e.getKey(), e.getValue()[1] * 1000);
        }
        double open = steps.getOrDefault("open", 0.0);
        double close = steps.getOrDefault("close", 0.0);
        List<long[]> solvers = solverTimes.getOrDefault(opened.auctionId(), List.of());
        double first = solvers.stream().mapToLong(t -> t[0]).min().orElse(opened.openedAtMillis()) - opened.openedAtMillis();
        double last = solvers.stream().mapToLong(t -> t[0]).max().orElse(opened.openedAtMillis()) - opened.openedAtMillis();
        double compute = solvers.stream().mapToLong(t -> t[1] - t[0]).max().orElse(0);
        List<BidAccepted> bids = watcher.bids.getOrDefault(opened.auctionId(), List.of());
        long lastBid;
        synchronized (bids) {
            lastBid = bids.stream().mapToLong(BidAccepted::receivedAtMillis).max().orElse(opened.openedAtMillis());
        }
        int settled = 0;
        List<SettlementRecorded> s = watcher.settlements.getOrDefault(opened.auctionId(), List.of());
        synchronized (s) {
            for (SettlementRecorded r : s) {
                settled += r.status() == SettlementRecorded.Status.MINED ? r.trades().size() : 0;
            }
        }
        return Optional.of(new Round(opened.auctionId(), opened.auction().intents().size(), closed.bidsReceived(),
                closed.winners().size(), steps, open, close, open + close, steps.getOrDefault("open_cpu", 0.0),
                steps.getOrDefault("close_cpu", 0.0), first, last, compute,
                opened.deadlineMillis() - lastBid, settled));
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "^auctioneer_round(_step|_open_cpu|_close_cpu|_open|_close|_overhead)?_seconds_(count|sum)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern STEP = Pattern.compile("step=\"([^\"]+)\"");

    /** The auctioneer's round timers: a step's name, or open, close, overhead, round, to {count, sum in seconds}. */
    private Map<String, double[]> scrape(Devnet devnet) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(devnet.auctioneerUrl() + "/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, double[]> out = new TreeMap<>();
        Matcher m = SAMPLE.matcher(r.body());
        while (m.find()) {
            String name;
            if ("_step".equals(m.group(1))) {
                Matcher step = STEP.matcher(m.group(3) == null ? "" : m.group(3));
                if (!step.find()) {
                    continue;
                }
                name = step.group(1);
            } else {
                name = m.group(1) == null ? "round" : m.group(1).substring(1);
            }
            out.computeIfAbsent(name, k -> new double[2])[m.group(2).equals("count") ? 0 : 1] = Double.parseDouble(m.group(4));
        }
        return out;
    }

    /** The table: p50, p95 and max of each measure over the measured rounds. */
    static String table(List<Round> rounds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n%d rounds measured%n%-46s %9s %9s %9s%n", rounds.size(), "ms (per round)", "p50", "p95", "max"));
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        rows.put("intents in the auction", rounds.stream().map(r -> (double) r.intents()).toList());
        rows.put("bids accepted", rounds.stream().map(r -> (double) r.bids()).toList());
        rows.put("winning bids", rounds.stream().map(r -> (double) r.winners()).toList());
        rows.put("(a) opening: cut to AuctionOpened committed", rounds.stream().map(Round::open).toList());
        for (String step : STEPS) {
            if (step.startsWith("open.")) {
                rows.put("      " + step, rounds.stream().map(r -> r.steps().getOrDefault(step, 0.0)).toList());
            }
        }
        rows.put("    opening computed before the round (not overhead)", rounds.stream().map(r -> r.steps().getOrDefault("open.ahead", 0.0)).toList());
        rows.put("(b) fan-out: auction built to first solver", rounds.stream().map(Round::fanOutFirst).toList());
        rows.put("(b) fan-out: auction built to last solver", rounds.stream().map(Round::fanOutLast).toList());
        rows.put("    slowest solver's compute (not overhead)", rounds.stream().map(Round::solverCompute).toList());
        rows.put("    last bid published before the deadline", rounds.stream().map(Round::lastBidBeforeDeadline).toList());
        rows.put("(c) closing: deadline+grace to AuctionClosed", rounds.stream().map(Round::close).toList());
        for (String step : STEPS) {
            if (step.startsWith("close.")) {
                rows.put("      " + step, rounds.stream().map(r -> r.steps().getOrDefault(step, 0.0)).toList());
            }
        }
        rows.put("    closing computed in the bid grace (not overhead)", rounds.stream().map(r -> r.steps().getOrDefault("grace.closing", 0.0)).toList());
        rows.put("overhead = (a) + (c)", rounds.stream().map(Round::overhead).toList());
        rows.put("    CPU of the auctioneer's round thread in it", rounds.stream().map(r -> r.openCpu() + r.closeCpu()).toList());
        rows.put("settlement after the round (not overhead)", rounds.stream().map(r -> r.steps().getOrDefault("settle", 0.0)).toList());
        rows.put("    trades settled", rounds.stream().map(r -> (double) r.settledTrades()).toList());
        rows.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            b.append(String.format(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f%n", name, percentile(sorted, 50),
                    percentile(sorted, 95), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
        });
        return b.toString();
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Devnet.nearestRank(sorted.size(), p));
    }

    private void writeJson(List<Round> rounds, Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intents", options.intents());
        m.put("solvers", options.solvers());
        m.put("periodMillis", options.periodMillis());
        m.put("mechanism", options.mechanism());
        m.put("rounds", rounds);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }
}

package io.fairauction.sdk;

import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.FilterCode;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.result.Outcome;
import io.fairauction.solverapi.BidChecks;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Offline replay: runs a solver on a recorded auction, validates its bids as the gateway would, puts them into
 * competition with the other solvers' recorded bids through the real mechanism
 * ({@code Mechanisms.byName(name).run(new Competition(auction, others + yours), options)}), and says for each of
 * the solver's bids whether it would win and, if not, why: refused before the auction (the gateway's code),
 * filtered (which intent, which reference and who set it), or outbid (by which winning bids and by how much).
 *
 * <p>The solver's bids enter under ids {@code solverId + "/" + bidId}, as the gateway names them; recorded bids of
 * the same solver id are left out (they are what is being replaced).
 */
public final class Replay {
    private Replay() {
    }

    /** What became of one of the solver's bids. */
    public enum Status {
        /** It wins. */
        WON,
        /** It takes part but other bids on its intents win. */
        OUTBID,
        /** It takes part, and no winner takes its intents (caps, pair rules, or not in the best selection). */
        NOT_SELECTED,
        /** The mechanism filters it (fairness filter and the like). */
        FILTERED,
        /** Local validation refuses it: the gateway would not let it in. */
        REJECTED
    }

    /**
     * One bid's fate.
     *
     * @param bid         the bid as the solver offered it
     * @param score       its score in native wei, when screening computed one
     * @param explanation one line for humans: why
     */
    public record Verdict(Bid bid, Status status, BigInteger score, String explanation) {
        public Verdict {
            Objects.requireNonNull(bid, "bid");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** The replay's outcome: the mechanism's full result and a verdict per offered bid (in offer order). */
    public record Report(String auctionId, String mechanism, String solverId, AuctionResult result, List<Verdict> verdicts) {
        public Report {
            verdicts = List.copyOf(verdicts);
        }

        /** One line per bid. */
        public void print(PrintStream out) {
            out.printf("auction %s under %s: %d bid(s) of %s%n", auctionId, mechanism, verdicts.size(), solverId);
            for (Verdict v : verdicts) {
                out.printf("  %-24s %-12s %s%n", v.bid().id(), v.status().name().toLowerCase(java.util.Locale.ROOT),
                        v.explanation());
            }
            out.printf("winners: %s (total score %s)%n", String.join(", ", result.winners()), result.totalScore());
        }
    }

    /**
     * Runs {@code solver} on the recording for at most {@code budget}, then the mechanism.
     *
     * @param mechanism a name of {@link Mechanisms} (e.g. {@code fair-combinatorial})
     */
    public static Report run(Solver solver, String solverId, RecordedAuction recorded, String mechanism,
                             MechanismOptions options, Duration budget, LocalValidation validation) {
        Mechanism m = Mechanisms.byName(mechanism)
                .orElseThrow(() -> new IllegalArgumentException("no mechanism " + mechanism + "; one of "
                        + Mechanisms.all().stream().map(Mechanism::name).toList()));
        AuctionView view = new AuctionView(recorded.request());
        SolveContext context = SolveContext.offline(view, solverId, Instant.now().plus(budget));
        runSolver(solver, context, budget);
        List<Bid> offered = context.close();
        BidChecks.Checked checked = validation.check(view, solverId, offered);
        return judge(view, solverId, offered, checked, recorded.otherBids(), m, options);
    }

    /** {@link #run} with the default options, a 2 s budget and default validation. */
    public static Report run(Solver solver, String solverId, RecordedAuction recorded, String mechanism) {
        return run(solver, solverId, recorded, mechanism, MechanismOptions.DEFAULT, Duration.ofSeconds(2),
                LocalValidation.defaults());
    }

    /** Judges bids already made (no solver run): how they fare against the recorded bids. */
    public static Report judge(RecordedAuction recorded, String solverId, List<Bid> bids, String mechanism,
                               MechanismOptions options) {
        AuctionView view = new AuctionView(recorded.request());
        Mechanism m = Mechanisms.byName(mechanism).orElseThrow(() -> new IllegalArgumentException("no mechanism " + mechanism));
        BidChecks.Checked checked = LocalValidation.defaults().check(view, solverId, bids);
        return judge(view, solverId, bids, checked, recorded.otherBids(), m, options);
    }

    private static void runSolver(Solver solver, SolveContext context, Duration budget) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "replay-solver");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> f = worker.submit(() -> {
                solver.solve(context);
                return null;
            });
            try {
                f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
            } catch (ExecutionException e) {
                System.getLogger(Replay.class.getName()).log(System.Logger.Level.WARNING,
                        "solver failed; replaying what it offered before", e.getCause());
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private static Report judge(AuctionView view, String solverId, List<Bid> offered, BidChecks.Checked checked,
                                List<Bid> recordedBids, Mechanism m, MechanismOptions options) {
        Map<String, Bid> entered = new LinkedHashMap<>(); // entered id -> offered bid
        List<Bid> bids = new ArrayList<>();
        for (Bid other : recordedBids) {
            if (!other.solver().equals(solverId)) {
                bids.add(other);
            }
        }
        for (Bid b : checked.accepted()) {
            String id = solverId + "/" + b.id();
            entered.put(b.id(), b);
            bids.add(new Bid(id, solverId, b.trades(), b.interactions()));
        }
        AuctionResult result = m.run(new Competition(view.auction(), bids), options);
        Map<String, BidChecks.Rejection> rejected = new LinkedHashMap<>();
        checked.rejected().forEach(r -> rejected.putIfAbsent(r.bidId(), r));
        List<Verdict> verdicts = new ArrayList<>();
        for (Bid b : offered) {
            BidChecks.Rejection r = rejected.get(b.id());
            if (r != null || !entered.containsKey(b.id())) {
                verdicts.add(new Verdict(b, Status.REJECTED, null, r == null ? "not sent"
                        : r.code().wire() + ": " + r.detail()));
                continue;
            }
            verdicts.add(verdict(view, b, solverId + "/" + b.id(), result));
        }
        return new Report(view.id(), m.name(), solverId, result, verdicts);
    }

    private static Verdict verdict(AuctionView view, Bid bid, String id, AuctionResult result) {
        BigInteger score = result.scores().get(id);
        if (result.winners().contains(id)) {
            return new Verdict(bid, Status.WON, score, "wins with score " + score);
        }
        Filtered f = result.filtered().get(id);
        if (f != null) {
            StringBuilder why = new StringBuilder(f.code().wire());
            if (f.intent() != null) {
                why.append(" on intent ").append(f.intent());
            }
            if (f.code() == FilterCode.UNFAIR && f.intent() != null) {
                BigInteger ref = result.reference().get(f.intent());
                Set<String> setBy = result.referenceSetBy().getOrDefault(f.intent(), new java.util.TreeSet<>());
                why.append(": reference ").append(ref).append(setBy.isEmpty() ? " (the limit)" : " set by " + String.join(", ", setBy));
            }
            why.append(" (").append(f.detail()).append(')');
            return new Verdict(bid, Status.FILTERED, score, why.toString());
        }
        Set<String> overlapping = new LinkedHashSet<>();
        List<String> perIntent = new ArrayList<>();
        for (Trade t : bid.trades()) {
            Outcome o = outcome(result, t.intent());
            if (o == null) {
                continue;
            }
            overlapping.add(o.bid());
            Intent intent = view.intent(t.intent()).orElseThrow();
            BigInteger mine = intent.side() == Side.SELL ? t.executedBuy() : t.executedSell();
            BigInteger theirs = intent.side() == Side.SELL ? o.amount() : o.paid();
            perIntent.add(intent.uid() + ": trader " + (intent.side() == Side.SELL ? "gets " : "pays ") + theirs
                    + " from " + o.bid() + " (" + o.solver() + ") vs " + mine + " from yours");
        }
        if (overlapping.isEmpty()) {
            return new Verdict(bid, Status.NOT_SELECTED, score, "score " + score
                    + "; no winner takes its intents (a cap, the pair rule or a better combination left it out)");
        }
        BigInteger theirs = overlapping.stream().map(w -> result.scores().getOrDefault(w, BigInteger.ZERO))
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger mine = score == null ? BigInteger.ZERO : score;
        return new Verdict(bid, Status.OUTBID, score, "outbid by " + String.join(", ", overlapping) + ": score "
                + theirs + " vs " + mine + " (by " + theirs.subtract(mine) + " wei); " + String.join("; ", perIntent));
    }

    private static Outcome outcome(AuctionResult result, String uid) {
        Outcome o = result.outcome().get(uid);
        if (o != null) {
            return o;
        }
        return result.outcome().entrySet().stream().filter(e -> Hex.same(e.getKey(), uid)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}

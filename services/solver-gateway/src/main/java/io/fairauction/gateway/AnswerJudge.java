package io.fairauction.gateway;

import io.fairauction.core.model.Bid;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.BidRejection;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireFormatException;
import io.fairauction.solverapi.WireJson;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns one solver's answer into the events the gateway publishes: the accepted bids, and a rejection with its code
 * for every refused bid or for the whole answer. No I/O and no clock of its own, so every rule is testable alone.
 * The checks run in this order: HTTP status, size cap, signature and solver id, wire format, then {@link BidChecks}.
 */
public final class AnswerJudge {
    private AnswerJudge() {
    }

    /** The checks' limits for an auction: the bid cap, and the settlement and relayer as forbidden targets. */
    public static BidChecks.Limits limits(AuctionOpened auction, GatewayConfig config) {
        return new BidChecks.Limits(config.maxBidsPerSolver(), Set.of(auction.settlement(), config.relayer()));
    }

    public static List<Event> judge(AuctionOpened auction, SolverEndpoint solver, SolverHttp.Answer answer,
                                    BidChecks.Limits limits, int maxResponseBytes, long nowMillis) {
        long id = auction.auctionId();
        long at = answer.receivedAtMillis();
        if (answer.status() / 100 != 2) {
            String snippet = new String(answer.body(), 0, Math.min(answer.body().length, SolverHttp.ERROR_SNIPPET_BYTES),
                    StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            return List.of(whole(id, solver, BidRejection.UNREACHABLE,
                    "HTTP " + answer.status() + (snippet.isEmpty() ? "" : ": " + snippet), at));
        }
        if (answer.overCap()) {
            return List.of(whole(id, solver, BidRejection.TOO_LARGE,
                    "the answer is larger than " + maxResponseBytes + " bytes", at));
        }
        if (!solver.id().equals(answer.solverHeader())) {
            return List.of(whole(id, solver, BidRejection.UNAUTHENTICATED, answer.solverHeader() == null
                    ? "the answer has no " + RequestSigning.SOLVER_HEADER + " header"
                    : "the answer's " + RequestSigning.SOLVER_HEADER + " is \"" + printable(answer.solverHeader())
                    + "\", not \"" + solver.id() + "\"", at));
        }
        if (!RequestSigning.verify(solver.secret(), answer.timestampHeader(), answer.signatureHeader(), answer.body(), nowMillis)) {
            return List.of(whole(id, solver, BidRejection.UNAUTHENTICATED, answer.signatureHeader() == null
                    ? "the answer is not signed (" + RequestSigning.SIGNATURE_HEADER + " missing)"
                    : "the answer's signature does not verify with the solver's secret (or its timestamp is more than "
                    + RequestSigning.MAX_SKEW_MILLIS + " ms off)", at));
        }
        SolveResponse response;
        try {
            response = WireJson.readResponse(answer.body(), auction.auction(), solver.id());
        } catch (WireFormatException e) {
            return List.of(whole(id, solver, BidRejection.MALFORMED,
                    (e.field().isEmpty() ? "" : "field " + e.field() + ": ") + e.getMessage(), at));
        } catch (RuntimeException e) {
            return List.of(whole(id, solver, BidRejection.MALFORMED, "unreadable answer: " + e.getMessage(), at));
        }
        BidChecks.Checked checked = BidChecks.check(auction.auction(), response.bids(), limits);
        List<Event> events = new ArrayList<>();
        for (Bid b : checked.accepted()) {
            Bid owned = new Bid(BidAccepted.bidId(solver.id(), b.id()), solver.id(), b.trades(), b.interactions());
            events.add(new BidAccepted(id, solver.id(), b.id(), solver.payout(), owned, at));
        }
        // One record per refused bid, up to the bid cap; a flood of refused bids (thousands of tiny bids under the
        // byte cap) is summed up in one record, so an answer cannot make the gateway publish or notify without bound.
        List<BidChecks.Rejection> rejected = checked.rejected();
        int individually = Math.min(rejected.size(), limits.maxBidsPerSolver());
        for (BidChecks.Rejection r : rejected.subList(0, individually)) {
            events.add(new BidRejected(id, solver.id(), r.bidId(), r.code().wire(), r.detail(), at));
        }
        if (rejected.size() > individually) {
            List<BidChecks.Rejection> rest = rejected.subList(individually, rejected.size());
            java.util.Map<String, Integer> byCode = new java.util.TreeMap<>();
            rest.forEach(r -> byCode.merge(r.code().wire(), 1, Integer::sum));
            BidRejection code = rest.stream().allMatch(r -> r.code() == BidRejection.OVER_CAP)
                    ? BidRejection.OVER_CAP : rest.get(0).code();
            events.add(new BidRejected(id, solver.id(), null, code.wire(), rest.size() + " more bids refused "
                    + byCode + ", from bid " + printable(rest.get(0).bidId()) + " on", at));
        }
        return events;
    }

    /** The rejection for an answer that never came: timeout, refused connection, reset, cancelled at the deadline. */
    public static BidRejected failure(long auctionId, SolverEndpoint solver, Throwable error, long timeoutMillis, long nowMillis) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return whole(auctionId, solver, BidRejection.UNREACHABLE, "connect timed out: " + solver.endpoint(), nowMillis);
        }
        if (t instanceof HttpTimeoutException || t instanceof CancellationException) {
            return late(auctionId, solver, timeoutMillis, nowMillis);
        }
        String what = t instanceof ConnectException ? "connection refused"
                : t instanceof ClosedChannelException ? "connection closed" : t.getClass().getSimpleName();
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return whole(auctionId, solver, BidRejection.UNREACHABLE, what + message + " (" + solver.endpoint() + ")", nowMillis);
    }

    /** The rejection of a solver that had not answered when the gateway stopped waiting. */
    public static BidRejected late(long auctionId, SolverEndpoint solver, long waitedMillis, long nowMillis) {
        return whole(auctionId, solver, BidRejection.LATE, "no answer within " + waitedMillis
                + " ms (the gateway stops waiting shortly before the auction's deadline)", nowMillis);
    }

    private static BidRejected whole(long auctionId, SolverEndpoint solver, BidRejection code, String detail, long at) {
        return new BidRejected(auctionId, solver.id(), null, code.wire(), detail, at);
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}

package io.fairauction.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.SettlementRecorded;
import io.fairauction.solverapi.Notification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to tell which solver about an auction's result or a settlement: pure functions from the auctioneer's records
 * to notifications, each naming the bid by the solver's own id (the auction-wide id is {@code solverId/solverBidId}).
 * Only solvers {@code served} by this gateway are notified.
 *
 * <p>From an {@link AuctionClosed}: each winner is {@code won}; each bid in the result's {@code filtered} is
 * {@code filtered} with the filter code; every other bid the mechanism scored is {@code lost} (the result's
 * {@code scores} hold every bid that passed screening, so together with {@code filtered} they are every bid the
 * auction received). Abandoned rounds notify nothing: their bids never took part.
 */
public final class OutcomeNotices {
    /** A notification and the solver it is for. */
    public record Notice(SolverEndpoint solver, Notification notification) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private OutcomeNotices() {
    }

    public static List<Notice> forResult(AuctionClosed closed, Function<String, Optional<SolverEndpoint>> served) {
        if (closed.abandoned()) {
            return List.of();
        }
        String auction = Long.toString(closed.auctionId());
        JsonNode result = closed.result();
        JsonNode scores = result.path("scores");
        List<Notice> out = new ArrayList<>();
        Set<String> winners = new LinkedHashSet<>();
        for (BidAccepted w : closed.winners()) {
            String id = BidAccepted.bidId(w.solverId(), w.solverBidId());
            winners.add(id);
            served.apply(w.solverId()).ifPresent(s -> out.add(new Notice(s, new Notification(auction,
                    Optional.of(w.solverBidId()), Notification.Kind.WON, "won",
                    "won auction " + auction + score(scores, id) + "; settlement follows", Optional.empty()))));
        }
        // Winners the result names but the record does not carry in full (should not happen): still tell them.
        for (JsonNode w : result.path("winners")) {
            String id = w.asText();
            if (winners.add(id)) {
                owner(id, served).ifPresent(o -> out.add(new Notice(o.solver(), new Notification(auction,
                        Optional.of(o.bidId()), Notification.Kind.WON, "won",
                        "won auction " + auction + score(scores, id) + "; settlement follows", Optional.empty()))));
            }
        }
        TreeMap<String, JsonNode> filtered = new TreeMap<>();
        for (Iterator<String> it = result.path("filtered").fieldNames(); it.hasNext(); ) {
            String id = it.next();
            filtered.put(id, result.path("filtered").get(id));
        }
        filtered.forEach((id, f) -> {
            if (winners.contains(id)) {
                return;
            }
            owner(id, served).ifPresent(o -> {
                String code = f.path("code").asText("filtered");
                String intent = f.path("intent").isTextual() ? " (intent " + f.path("intent").asText() + ")" : "";
                out.add(new Notice(o.solver(), new Notification(auction, Optional.of(o.bidId()),
                        Notification.Kind.FILTERED, code, code + intent + ": " + f.path("detail").asText(""),
                        Optional.empty())));
            });
        });
        TreeMap<String, JsonNode> scored = new TreeMap<>();
        for (Iterator<String> it = scores.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            scored.put(id, scores.get(id));
        }
        String total = result.path("totalScore").asText("");
        scored.forEach((id, s) -> {
            if (winners.contains(id) || filtered.containsKey(id)) {
                return;
            }
            owner(id, served).ifPresent(o -> out.add(new Notice(o.solver(), new Notification(auction,
                    Optional.of(o.bidId()), Notification.Kind.LOST, "lost",
                    "not selected: score " + s.asText() + (total.isEmpty() ? "" : ", winners' total score " + total),
                    Optional.empty()))));
        });
        return out;
    }

    public static List<Notice> forSettlement(SettlementRecorded r, Function<String, Optional<SolverEndpoint>> served) {
        Optional<SolverEndpoint> solver = served.apply(r.solverId());
        if (solver.isEmpty()) {
            return List.of();
        }
        String prefix = r.solverId() + "/";
        String own = r.bidId().startsWith(prefix) ? r.bidId().substring(prefix.length()) : r.bidId();
        String auction = Long.toString(r.auctionId());
        Optional<String> tx = Optional.ofNullable(r.txHash());
        Notification n = switch (r.status()) {
            case MINED -> new Notification(auction, Optional.of(own), Notification.Kind.SETTLED, "mined",
                    "settled in " + r.txHash() + " (gas " + r.gasUsed() + ", " + r.trades().size() + " trades)", tx);
            case REVERTED -> new Notification(auction, Optional.of(own), Notification.Kind.REVERTED,
                    code(r.reason(), "reverted"), "settlement reverted" + (r.txHash() == null ? "" : " in " + r.txHash())
                    + ": " + reason(r), tx);
            case DROPPED -> new Notification(auction, Optional.of(own), Notification.Kind.REVERTED,
                    code(r.reason(), "dropped"), "settlement not sent (it would revert): " + reason(r), tx);
        };
        return List.of(new Notice(solver.get(), n));
    }

    private record Owner(SolverEndpoint solver, String bidId) {
    }

    /** The solver of an auction-wide bid id and its own bid id, when this gateway serves that solver. */
    private static Optional<Owner> owner(String auctionBidId, Function<String, Optional<SolverEndpoint>> served) {
        int slash = auctionBidId.indexOf('/');
        if (slash <= 0 || slash == auctionBidId.length() - 1) {
            return Optional.empty();
        }
        String solverId = auctionBidId.substring(0, slash);
        return served.apply(solverId).map(s -> new Owner(s, auctionBidId.substring(slash + 1)));
    }

    private static String score(JsonNode scores, String id) {
        JsonNode s = scores.get(id);
        return s == null ? "" : " with score " + s.asText();
    }

    /** The decoded error's name (e.g. {@code LimitViolated} of {@code LimitViolated(0x..)}), else the fallback. */
    private static String code(String reason, String fallback) {
        if (reason == null) {
            return fallback;
        }
        Matcher m = CODE.matcher(reason.trim());
        return m.lookingAt() ? m.group() : fallback;
    }

    private static String reason(SettlementRecorded r) {
        String reason = r.reason() == null ? "no reason given" : r.reason();
        return reason + (r.culprit() == null ? "" : " (trader " + r.culprit() + ")");
    }
}

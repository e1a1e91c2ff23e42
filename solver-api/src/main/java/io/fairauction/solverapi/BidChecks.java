package io.fairauction.solverapi;

import io.fairauction.core.mechanism.Screening;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.Filtered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a solver's answer must pass before its bids enter an auction: the gateway runs them on every answer,
 * and the SDK runs the very same code before sending, so a solver sees locally the codes the gateway would answer.
 * The last check is core's own screening (limits, amounts, repeated intents), so a bid that passes here is never
 * filtered for a reason the solver could have known.
 */
public final class BidChecks {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern CALL_DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private BidChecks() {
    }

    /**
     * What an answer may contain.
     *
     * @param maxBidsPerSolver bids beyond this many (in the answer's order) are refused {@link BidRejection#OVER_CAP}
     * @param forbiddenTargets addresses no interaction may call (the settlement and its relayer)
     */
    public record Limits(int maxBidsPerSolver, Set<String> forbiddenTargets) {
        public Limits {
            if (maxBidsPerSolver < 1) {
                throw new IllegalArgumentException("maxBidsPerSolver must be at least 1, got " + maxBidsPerSolver);
            }
            Set<String> lower = new HashSet<>();
            forbiddenTargets.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
            forbiddenTargets = Set.copyOf(lower);
        }
    }

    /** A refused bid: its id as the solver sent it, the code and a line for humans. */
    public record Rejection(String bidId, BidRejection code, String detail) {
        public Rejection {
            Objects.requireNonNull(bidId, "bidId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The bids that pass, in the answer's order, and the refused ones. */
    public record Checked(List<Bid> accepted, List<Rejection> rejected) {
        public Checked {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }

    public static Checked check(Auction auction, List<Bid> bids, Limits limits) {
        Set<String> uids = new HashSet<>();
        auction.intents().forEach(i -> uids.add(i.uid().toLowerCase(Locale.ROOT)));
        List<Rejection> rejected = new ArrayList<>();
        List<Bid> candidates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int kept = 0;
        for (Bid bid : bids) {
            if (!ids.add(bid.id())) {
                rejected.add(new Rejection(bid.id(), BidRejection.DUPLICATE_BID_ID, "bid id " + bid.id() + " is used twice"));
                continue;
            }
            if (kept == limits.maxBidsPerSolver()) {
                rejected.add(new Rejection(bid.id(), BidRejection.OVER_CAP,
                        "more than " + limits.maxBidsPerSolver() + " bids; bids after the cap are dropped"));
                continue;
            }
            kept++;
            String unknown = bid.trades().stream().map(Trade::intent)
                    .filter(uid -> !uids.contains(uid.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            if (unknown != null) {
                rejected.add(new Rejection(bid.id(), BidRejection.UNKNOWN_INTENT,
                        "intent " + unknown + " is not in auction " + auction.id()));
                continue;
            }
            String bad = badInteraction(bid, limits);
            if (bad != null) {
                rejected.add(new Rejection(bid.id(), BidRejection.BAD_INTERACTION, bad));
                continue;
            }
            candidates.add(bid);
        }
        Screening.Screened screened = Screening.screen(new Competition(auction, candidates));
        List<Bid> accepted = new ArrayList<>();
        for (Bid bid : candidates) {
            Filtered f = screened.filtered().get(bid.id());
            if (f == null) {
                accepted.add(bid);
            } else {
                rejected.add(new Rejection(bid.id(), BidRejection.SCREENED, f.code().wire()
                        + (f.intent() == null ? "" : " (intent " + f.intent() + ")") + ": " + f.detail()));
            }
        }
        return new Checked(accepted, rejected);
    }

    private static String badInteraction(Bid bid, Limits limits) {
        for (int k = 0; k < bid.interactions().size(); k++) {
            Interaction x = bid.interactions().get(k);
            if (!ADDRESS.matcher(x.target()).matches()) {
                return "interactions[" + k + "].target is not a 20-byte address";
            }
            if (limits.forbiddenTargets().contains(x.target().toLowerCase(Locale.ROOT))) {
                return "interactions[" + k + "] calls " + x.target() + ", which no interaction may call (settlement or relayer)";
            }
            if (!CALL_DATA.matcher(x.callData()).matches()) {
                return "interactions[" + k + "].callData is not 0x-prefixed whole bytes of hex";
            }
        }
        return null;
    }
}

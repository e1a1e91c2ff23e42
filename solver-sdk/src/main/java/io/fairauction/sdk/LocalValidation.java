package io.fairauction.sdk;

import io.fairauction.core.mechanism.Screening;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.BidRejection;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks bids exactly as the gateway will, with solver-api's {@link BidChecks} (duplicate ids, unknown intents,
 * bad interactions, then core's screening), before they are sent. Bids that pass are put in score order, best
 * first, and cut at the cap, so that the bids the gateway keeps under its own cap are the best ones.
 *
 * @param maxBids          how many bids an answer carries at most (match the gateway's cap)
 * @param forbiddenTargets addresses beside the settlement that no interaction may call (the relayer)
 */
public record LocalValidation(int maxBids, Set<String> forbiddenTargets) {
    /** The gateway's default cap unless configured otherwise. */
    public static final int DEFAULT_MAX_BIDS = 100;

    public LocalValidation {
        if (maxBids < 1) {
            throw new IllegalArgumentException("maxBids must be at least 1, got " + maxBids);
        }
        forbiddenTargets = Set.copyOf(forbiddenTargets);
    }

    public static LocalValidation defaults() {
        return new LocalValidation(DEFAULT_MAX_BIDS, Set.of());
    }

    /**
     * Checks the bids of {@code solverId} for this auction: each bid's solver is set to {@code solverId} first, as
     * the gateway does. Accepted bids come back best score first (ties by id); refused ones with the code the
     * gateway would answer.
     */
    public BidChecks.Checked check(AuctionView auction, String solverId, List<Bid> bids) {
        Objects.requireNonNull(solverId, "solverId");
        List<Bid> owned = bids.stream().map(b -> b.solver().equals(solverId) ? b
                : new Bid(b.id(), solverId, b.trades(), b.interactions())).toList();
        Set<String> forbidden = new HashSet<>(forbiddenTargets);
        forbidden.add(auction.settlement());
        BidChecks.Checked all = BidChecks.check(auction.auction(), owned, new BidChecks.Limits(Integer.MAX_VALUE, forbidden));
        Map<String, BigInteger> scores = Screening.screen(new Competition(auction.auction(), all.accepted())).scores();
        List<Bid> ranked = new ArrayList<>(all.accepted());
        ranked.sort(Comparator.comparing((Bid b) -> scores.getOrDefault(b.id(), BigInteger.ZERO)).reversed()
                .thenComparing(Bid::id));
        List<BidChecks.Rejection> rejected = new ArrayList<>(all.rejected());
        List<Bid> kept = ranked.subList(0, Math.min(maxBids, ranked.size()));
        for (Bid over : ranked.subList(kept.size(), ranked.size())) {
            rejected.add(new BidChecks.Rejection(over.id(), BidRejection.OVER_CAP,
                    "more than " + maxBids + " bids; this one scores " + scores.get(over.id()) + " and is left out"));
        }
        return new BidChecks.Checked(kept, rejected);
    }
}

package io.fairauction.core.mechanism;

import io.fairauction.core.model.Side;
import io.fairauction.core.result.FilterCode;
import io.fairauction.core.result.Filtered;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The fairness filter: a batched bid takes part only if every trader in it does at least as well as their
 * reference. Individual bids are never filtered.
 */
public final class Fairness {
    private Fairness() {
    }

    /**
     * Definition 4 of the paper, generalised to many intents and solvers: for every intent of a batched bid of
     * solver {@code s}, the bid must match the reference when {@code s} set it, and beat it strictly otherwise (a
     * tie with your own individual bid is fair, a tie with a rival's is not). When no individual bid exists the
     * reference is the trader's limit, which nobody set: matching it is fair, since screening already guarantees
     * every trade respects its limit.
     */
    public static Optional<Filtered> firstPrice(ScoredBid bid, Map<String, Reference> references) {
        return check(bid, references, true);
    }

    /** Second-price variant (paper section 5.1): at least the second-price reference, whoever set it. */
    public static Optional<Filtered> secondPrice(ScoredBid bid, Map<String, Reference> references) {
        return check(bid, references, false);
    }

    private static Optional<Filtered> check(ScoredBid bid, Map<String, Reference> references, boolean firstPrice) {
        if (!bid.isBatched()) {
            return Optional.empty();
        }
        // Most bids pass: check every trade in the bid's order first, and sort by uid only to report the first failure.
        boolean fails = false;
        for (ScoredTrade t : bid.trades()) {
            if (fails(t, references.get(t.intent().uid()), bid.solver(), firstPrice)) {
                fails = true;
                break;
            }
        }
        if (!fails) {
            return Optional.empty();
        }
        for (ScoredTrade t : bid.trades().stream().sorted(Comparator.comparing(t -> t.intent().uid())).toList()) {
            Reference ref = references.get(t.intent().uid());
            BigInteger amount = t.limitSideAmount();
            Side side = t.intent().side();
            boolean worse = Reference.better(side, ref.amount(), amount);
            if (fails(t, ref, bid.solver(), firstPrice)) {
                String setBy = ref.isLimit() ? "the limit"
                        : (ref.setBy().size() == 1 ? "solver " : "solvers ") + String.join(", ", ref.setBy());
                String kind = firstPrice ? "reference" : "second-price reference";
                String detail = worse
                        ? amount + (side == Side.SELL ? " < " : " > ") + kind + " " + ref.amount() + " (" + setBy + ")"
                        : amount + " only ties " + kind + " " + ref.amount() + " set by rival " + setBy;
                return Optional.of(new Filtered(FilterCode.UNFAIR, t.intent().uid(), detail));
            }
        }
        return Optional.empty();
    }

    /** Whether the trade does worse than its reference, or only ties a rival's (first price). */
    private static boolean fails(ScoredTrade t, Reference ref, String solver, boolean firstPrice) {
        BigInteger amount = t.limitSideAmount();
        boolean strict = firstPrice && !ref.isLimit() && !ref.setBy().contains(solver);
        return Reference.better(t.intent().side(), ref.amount(), amount) || (strict && amount.equals(ref.amount()));
    }
}

package io.fairauction.core.result;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The result of running a mechanism on a competition. Every map is sorted by key so that the same input gives
 * byte-identical output whatever order the bids arrived in.
 *
 * @param winners          winning bid ids, highest score first
 * @param filtered         every bid that took no part in winner determination, with why
 * @param scores           score (native wei of surplus) of every bid whose score could be computed
 * @param reference        per intent, the reference amount: buy token for sell intents, sell token for buy intents
 * @param referenceSetBy   per intent, the solvers whose individual bids set the reference (empty: the limit)
 * @param outcome          per traded intent, what the trader receives and pays
 * @param referenceScores  per winning solver, CoW's reference score; {@code null} except for the cow mechanism
 * @param optimal          whether the winners are proven to maximise the objective the mechanism optimises
 * @param gap              upper bound on the score a better selection could add; zero when optimal
 */
public record AuctionResult(
        String auction,
        String mechanism,
        List<String> winners,
        SortedMap<String, Filtered> filtered,
        SortedMap<String, BigInteger> scores,
        SortedMap<String, BigInteger> reference,
        SortedMap<String, SortedSet<String>> referenceSetBy,
        SortedMap<String, Outcome> outcome,
        BigInteger totalScore,
        SortedMap<String, BigInteger> referenceScores,
        boolean optimal,
        BigInteger gap,
        long solveMillis) {

    public AuctionResult {
        Objects.requireNonNull(auction, "auction");
        Objects.requireNonNull(mechanism, "mechanism");
        winners = List.copyOf(winners);
        filtered = Collections.unmodifiableSortedMap(new TreeMap<>(filtered));
        scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
        reference = Collections.unmodifiableSortedMap(new TreeMap<>(reference));
        referenceSetBy = Collections.unmodifiableSortedMap(new TreeMap<>(referenceSetBy));
        outcome = Collections.unmodifiableSortedMap(new TreeMap<>(outcome));
        referenceScores = referenceScores == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(referenceScores));
        Objects.requireNonNull(totalScore, "totalScore");
        Objects.requireNonNull(gap, "gap");
    }

    /** The same result with the solve time zeroed, for comparing runs. */
    public AuctionResult withoutTiming() {
        return new AuctionResult(auction, mechanism, winners, filtered, scores, reference, referenceSetBy, outcome,
                totalScore, referenceScores, optimal, gap, 0);
    }
}

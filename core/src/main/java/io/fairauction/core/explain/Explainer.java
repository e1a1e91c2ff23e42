package io.fairauction.core.explain;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.result.Outcome;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A human-readable account of a result, for a trader or a solver: each intent's reference and who set it,
 * each filtered bid and why, the winners, and what each trader gets against their reference.
 */
public final class Explainer {
    private Explainer() {
    }

    public static String explain(Competition competition, AuctionResult r) {
        Auction a = competition.auction();
        StringBuilder out = new StringBuilder();
        out.append("Auction ").append(a.id()).append(", mechanism ").append(r.mechanism()).append('\n');
        out.append(a.intents().size()).append(" intents, ").append(competition.bids().size()).append(" bids: ")
                .append(r.winners().size()).append(" won, ").append(r.filtered().size()).append(" filtered\n");

        out.append("\nReference outcome (what each trader gets from the individual bids alone):\n");
        List<Intent> intents = a.intents().stream().sorted(Comparator.comparing(Intent::uid)).toList();
        for (Intent i : intents) {
            out.append("  ").append(i.uid()).append("  ").append(describe(a, i)).append('\n');
            BigInteger ref = r.reference().get(i.uid());
            SortedSet<String> setBy = r.referenceSetBy().get(i.uid());
            out.append("      reference ").append(i.side() == Side.SELL ? "receives " : "pays ")
                    .append(amount(a, i.limitToken(), ref)).append(", ")
                    .append(setBy == null || setBy.isEmpty() ? "the limit (no individual bid)"
                            : "set by " + String.join(", ", setBy))
                    .append('\n');
        }

        if (!r.filtered().isEmpty()) {
            out.append("\nFiltered bids (took no part in winner determination):\n");
            Map<String, Bid> bids = byId(competition);
            for (Map.Entry<String, Filtered> e : r.filtered().entrySet()) {
                Filtered f = e.getValue();
                Bid b = bids.get(e.getKey());
                out.append("  ").append(e.getKey()).append(" (solver ").append(b == null ? "?" : b.solver()).append("): ")
                        .append(f.code().wire())
                        .append(f.intent() == null ? "" : " on " + f.intent())
                        .append(" - ").append(f.detail()).append('\n');
            }
        }

        out.append("\nWinners (highest score first):\n");
        if (r.winners().isEmpty()) {
            out.append("  none\n");
        }
        Map<String, Bid> bids = byId(competition);
        for (String w : r.winners()) {
            Bid b = bids.get(w);
            out.append("  ").append(w).append(" (solver ").append(b.solver()).append("): score ")
                    .append(r.scores().get(w)).append(" wei, ")
                    .append(b.isBatched() ? "batched bid on " + b.trades().size() + " intents" : "individual bid")
                    .append('\n');
        }

        out.append("\nWhat each trader gets:\n");
        for (Intent i : intents) {
            Outcome o = r.outcome().get(i.uid());
            BigInteger ref = r.reference().get(i.uid());
            out.append("  ").append(i.uid()).append(": ");
            if (o == null) {
                out.append("no trade\n");
                continue;
            }
            BigInteger got = i.side() == Side.SELL ? o.amount() : o.paid();
            BigInteger diff = i.side() == Side.SELL ? got.subtract(ref) : ref.subtract(got);
            out.append(i.side() == Side.SELL ? "receives " : "pays ").append(amount(a, i.limitToken(), got))
                    .append(" via ").append(o.bid()).append(" (").append(o.solver()).append("); ")
                    .append(diff.signum() >= 0 ? "+" : "").append(diff)
                    .append(diff.signum() >= 0 ? " better than" : " worse than")
                    .append(" the reference (in ").append(token(a, i.limitToken())).append(" base units)\n");
        }

        out.append("\nTotal score ").append(r.totalScore()).append(" wei of surplus; ");
        out.append(r.optimal() ? "proven optimal" : "not proven optimal, gap at most " + r.gap() + " wei");
        out.append("; ").append(r.solveMillis()).append(" ms\n");
        if (r.referenceScores() != null) {
            out.append("Reference scores (CoW): ");
            out.append(r.referenceScores().isEmpty() ? "none" : r.referenceScores().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((x, y) -> x + ", " + y).orElse(""));
            out.append('\n');
        }
        return out.toString();
    }

    private static Map<String, Bid> byId(Competition c) {
        Map<String, Bid> m = new java.util.HashMap<>();
        c.bids().forEach(b -> m.put(b.id(), b));
        return m;
    }

    private static String describe(Auction a, Intent i) {
        if (i.side() == Side.SELL) {
            return "sells " + amount(a, i.sellToken(), i.sellAmount()) + " for at least " + amount(a, i.buyToken(), i.buyAmount());
        }
        return "buys " + amount(a, i.buyToken(), i.buyAmount()) + " for at most " + amount(a, i.sellToken(), i.sellAmount());
    }

    private static String token(Auction a, String address) {
        return a.token(address).map(Token::label).orElse(address);
    }

    /** Human units and base units, e.g. {@code 1.5 WETH (1500000000000000000)}. */
    static String amount(Auction a, String token, BigInteger baseUnits) {
        Token t = a.token(token).orElse(null);
        if (t == null) {
            return baseUnits.toString();
        }
        BigDecimal human = new BigDecimal(baseUnits, t.decimals()).stripTrailingZeros();
        return human.toPlainString() + " " + t.label() + " (" + baseUnits + ")";
    }
}

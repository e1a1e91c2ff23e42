package io.fairauction.core.lp;

import io.fairauction.core.mechanism.SelectionProblem;
import io.fairauction.core.wdp.Constraints;
import io.fairauction.core.wdp.WdpBid;
import io.fairauction.core.wdp.WdpProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a winner-determination problem as a CPLEX LP file, so anyone can check our optimum with any MIP solver
 * (CBC, SCIP, HiGHS, Gurobi...). Variable {@code x<k>} is 1 iff the k-th bid wins; a comment maps each variable
 * to its bid id (bid ids are free strings and cannot be LP names). The objective is the plain total score without
 * the tie-break, so its optimum is the {@code totalScore} of an optimal result. Scores are native wei, which at market
 * scale reach 1e20 and more, where MIP solvers treat a coefficient as infinite (CBC: 1e20); so the objective is written
 * in units of 10^k wei, as exact decimals, with k chosen to keep every coefficient below 10^{@value #OBJECTIVE_DIGITS}.
 * A header comment states k.
 */
public final class LpFormat {
    /** LP readers accept long lines, but some cap them at 255 characters: wrap well before. */
    private static final int LINE = 200;
    /** Integer digits left in the largest objective coefficient: well inside a double's exact range. */
    static final int OBJECTIVE_DIGITS = 12;

    private LpFormat() {
    }

    public static String write(SelectionProblem selection) {
        WdpProblem p = selection.problem();
        StringBuilder out = new StringBuilder();
        out.append("\\ fair-auction winner determination: auction ").append(oneLine(selection.auction()))
                .append(", mechanism ").append(selection.mechanism()).append('\n');
        out.append("\\ ").append(p.bids().size()).append(" bids, ").append(p.intentCount()).append(" intents; x<k> = 1 iff the bid wins\n");
        for (int k = 0; k < p.bids().size(); k++) {
            out.append("\\ x").append(k).append(" = bid ").append(oneLine(p.bids().get(k).id())).append('\n');
        }

        int scale = objectiveScale(p);
        out.append("\\ objective in units of 10^").append(scale).append(" native wei\n");
        out.append("Maximize\n");
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < p.bids().size(); k++) {
            terms.add(new BigDecimal(p.bids().get(k).score()).movePointLeft(scale).stripTrailingZeros().toPlainString() + " x" + k);
        }
        expression(out, " obj:", terms.isEmpty() ? List.of("0 x_none") : terms);

        out.append("Subject To\n");
        Constraints c = p.constraints();
        // Each intent is sold at most once.
        constraints(out, "intent", group(p, Grouping.INTENT), 1);
        if (c.pairDisjoint()) {
            // At most one winner per directed token pair.
            constraints(out, "pair", group(p, Grouping.PAIR), 1);
        }
        if (c.maxWinnersPerSolver() > 0) {
            constraints(out, "solver", group(p, Grouping.SOLVER), c.maxWinnersPerSolver());
        }
        if (c.maxWinners() > 0 && p.bids().size() > c.maxWinners()) {
            List<String> all = new ArrayList<>();
            for (int k = 0; k < p.bids().size(); k++) {
                all.add("x" + k);
            }
            expression(out, " winners:", all);
            out.setLength(out.length() - 1);
            out.append(" <= ").append(c.maxWinners()).append('\n');
        }

        out.append("Binary\n");
        List<String> vars = new ArrayList<>();
        for (int k = 0; k < p.bids().size(); k++) {
            vars.add("x" + k);
        }
        if (p.bids().isEmpty()) {
            vars.add("x_none");
        }
        wrap(out, " ", vars, " ");
        out.append("End\n");
        return out.toString();
    }

    /** The power of ten the objective is divided by: 0 unless the largest score has more than {@link #OBJECTIVE_DIGITS} digits. */
    public static int objectiveScale(WdpProblem p) {
        int digits = p.bids().stream().mapToInt(b -> b.score().abs().toString().length()).max().orElse(0);
        return Math.max(0, digits - OBJECTIVE_DIGITS);
    }

    private enum Grouping { INTENT, PAIR, SOLVER }

    private static Map<Integer, List<Integer>> group(WdpProblem p, Grouping g) {
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int k = 0; k < p.bids().size(); k++) {
            WdpBid b = p.bids().get(k);
            int[] keys = switch (g) {
                case INTENT -> b.intents();
                case PAIR -> b.pairs();
                case SOLVER -> new int[] {b.solver()};
            };
            for (int key : keys) {
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
            }
        }
        return groups;
    }

    private static void constraints(StringBuilder out, String name, Map<Integer, List<Integer>> groups, int rhs) {
        for (Map.Entry<Integer, List<Integer>> e : groups.entrySet()) {
            if (e.getValue().size() <= rhs) {
                continue; // cannot bind
            }
            List<String> vars = new ArrayList<>();
            e.getValue().forEach(k -> vars.add("x" + k));
            expression(out, " " + name + e.getKey() + ":", vars);
            out.setLength(out.length() - 1);
            out.append(" <= ").append(rhs).append('\n');
        }
    }

    private static void expression(StringBuilder out, String label, List<String> terms) {
        wrap(out, label + " ", terms, " + ");
    }

    private static void wrap(StringBuilder out, String start, List<String> items, String sep) {
        StringBuilder line = new StringBuilder(start);
        for (int i = 0; i < items.size(); i++) {
            String piece = (i == 0 ? "" : sep.stripLeading()) + items.get(i);
            if (line.length() + piece.length() + 1 > LINE && line.length() > start.length()) {
                out.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder("  ");
            } else if (i > 0) {
                line.append(' ');
            }
            line.append(piece);
        }
        out.append(line).append('\n');
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]", " ");
    }
}

package io.fairauction.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.result.Filtered;
import io.fairauction.core.result.Outcome;

import java.math.BigInteger;
import java.util.Map;

/** Writes an {@link AuctionResult} in the result shape the replay tool prints (amounts as decimal strings). */
public final class ResultJson {
    private ResultJson() {
    }

    public static String write(AuctionResult r, boolean pretty) {
        return Json.toString(toTree(r), pretty);
    }

    public static ObjectNode toTree(AuctionResult r) {
        ObjectNode root = AuctionJson.MAPPER.createObjectNode();
        root.put("auction", r.auction());
        root.put("mechanism", r.mechanism());
        ArrayNode winners = root.putArray("winners");
        r.winners().forEach(winners::add);
        ObjectNode filtered = root.putObject("filtered");
        for (Map.Entry<String, Filtered> e : r.filtered().entrySet()) {
            ObjectNode f = filtered.putObject(e.getKey());
            f.put("code", e.getValue().code().wire());
            if (e.getValue().intent() != null) {
                f.put("intent", e.getValue().intent());
            }
            f.put("detail", e.getValue().detail());
        }
        putAmounts(root.putObject("scores"), r.scores());
        putAmounts(root.putObject("reference"), r.reference());
        ObjectNode outcome = root.putObject("outcome");
        for (Map.Entry<String, Outcome> e : r.outcome().entrySet()) {
            ObjectNode o = outcome.putObject(e.getKey());
            o.put("bid", e.getValue().bid());
            o.put("solver", e.getValue().solver());
            o.put("amount", e.getValue().amount().toString());
            o.put("paid", e.getValue().paid().toString());
        }
        root.put("totalScore", r.totalScore().toString());
        if (r.referenceScores() != null) {
            putAmounts(root.putObject("referenceScores"), r.referenceScores());
        }
        root.put("optimal", r.optimal());
        root.put("gap", r.gap().toString());
        root.put("solveMillis", r.solveMillis());
        return root;
    }

    private static void putAmounts(ObjectNode node, Map<String, BigInteger> amounts) {
        amounts.forEach((k, v) -> node.put(k, v.toString()));
    }
}

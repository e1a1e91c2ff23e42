package io.fairauction.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a devnet run did. {@code lost}, {@code settledTwice} and {@code fairnessViolations} must be 0.
 *
 * @param valueOverLimitsWei native wei traders received above their signed limits, summed over settled intents
 * @param valueOverReferenceWei the same measured against each intent's reference outcome
 */
public record Summary(int auctions, int accepted, int refused, int settled, int expired, int cancelled, int lost,
                      int settledTwice, int fairnessViolations, boolean fairnessChecked, String mechanism,
                      java.math.BigInteger valueOverLimitsWei, java.math.BigInteger valueOverReferenceWei,
                      long latencyP50Millis, long latencyP95Millis, List<String> problems) {

    /** Whether the run kept every promise: nothing lost, nothing settled twice, no unfair winner. */
    public boolean ok() {
        return lost == 0 && settledTwice == 0 && fairnessViolations == 0;
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%nsummary (%s, %d auctions)%n", mechanism, auctions));
        s.append(String.format("  intents accepted %d (refused %d), settled %d, expired %d, cancelled %d%n",
                accepted, refused, settled, expired, cancelled));
        s.append(String.format("  lost %d, settled twice %d, fairness violations %d%s%n", lost, settledTwice,
                fairnessViolations, fairnessChecked ? "" : " (not checked: " + mechanism + " has no fairness filter)"));
        s.append(String.format("  value to traders above their limits %s ETH, against the reference %s ETH%n",
                Watcher.eth(valueOverLimitsWei), Watcher.eth(valueOverReferenceWei)));
        s.append(String.format("  intent to settled latency p50 %d ms, p95 %d ms%n", latencyP50Millis, latencyP95Millis));
        for (String p : problems) {
            s.append("  problem: ").append(p).append('\n');
        }
        return s.toString();
    }

    public void writeJson(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mechanism", mechanism);
        m.put("auctions", auctions);
        m.put("accepted", accepted);
        m.put("refused", refused);
        m.put("settled", settled);
        m.put("expired", expired);
        m.put("cancelled", cancelled);
        m.put("lost", lost);
        m.put("settledTwice", settledTwice);
        m.put("fairnessViolations", fairnessViolations);
        m.put("fairnessChecked", fairnessChecked);
        m.put("valueOverLimitsWei", valueOverLimitsWei.toString());
        m.put("valueOverReferenceWei", valueOverReferenceWei.toString());
        m.put("latencyMillis", Map.of("p50", latencyP50Millis, "p95", latencyP95Millis));
        m.put("problems", problems);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }
}

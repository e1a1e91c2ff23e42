package io.fairauction.core.mechanism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.json.ResultJson;
import io.fairauction.core.model.Competition;
import io.fairauction.core.result.AuctionResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests as data: each file in {@code scenarios/} is an auction (the paper's two-trader examples, CoW's rules, bad
 * bids) with the expected result of one or more mechanisms, worked out by hand. Winners are compared as a set
 * (equal scores are ordered by tie key); filtered bids and reference scores exactly; the other fields for the
 * keys the scenario lists.
 */
class ScenarioTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                JsonNode doc = MAPPER.readTree(f.toFile());
                Iterator<String> mechanisms = doc.get("expect").fieldNames();
                while (mechanisms.hasNext()) {
                    out.add(Arguments.of(f.getFileName().toString(), mechanisms.next()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("scenarios")
    void mechanismGivesTheHandWorkedResult(String file, String mechanismName) throws Exception {
        JsonNode doc;
        try (InputStream in = ScenarioTest.class.getResourceAsStream("/scenarios/" + file)) {
            doc = MAPPER.readTree(in);
        }
        Competition competition = AuctionJson.read(MAPPER.writeValueAsString(doc.get("auction")));
        MechanismOptions options = MechanismOptions.DEFAULT;
        JsonNode o = doc.get("options");
        if (o != null && o.has("maxWinners")) {
            options = options.withMaxWinners(o.get("maxWinners").asInt());
        }
        Mechanism mechanism = Mechanisms.byName(mechanismName).orElseThrow();
        AuctionResult result = mechanism.run(competition, options);
        JsonNode actual = ResultJson.toTree(result);
        JsonNode expect = doc.get("expect").get(mechanismName);
        String context = file + " / " + mechanismName + ": " + ResultJson.write(result, true);

        Iterator<Map.Entry<String, JsonNode>> fields = expect.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode want = e.getValue();
            JsonNode got = actual.get(e.getKey());
            switch (e.getKey()) {
                case "winners" -> assertThat(strings(got)).as(context).isEqualTo(strings(want));
                case "filtered" -> {
                    Map<String, String> codes = new TreeMap<>();
                    got.fields().forEachRemaining(f -> codes.put(f.getKey(), f.getValue().get("code").asText()));
                    Map<String, String> wantCodes = new TreeMap<>();
                    want.fields().forEachRemaining(f -> wantCodes.put(f.getKey(), f.getValue().asText()));
                    assertThat(codes).as(context).isEqualTo(wantCodes);
                }
                case "referenceScores" -> assertThat(got).as(context).isEqualTo(want);
                case "reference", "outcome", "scores" -> want.fields().forEachRemaining(f ->
                        assertThat(got.get(f.getKey())).as(context + "\n" + e.getKey() + "." + f.getKey()).isEqualTo(f.getValue()));
                default -> assertThat(got).as(context + "\n" + e.getKey()).isEqualTo(want);
            }
        }
        // Whatever the scenario lists, winners are ordered by score, highest first.
        List<String> winners = result.winners();
        for (int i = 1; i < winners.size(); i++) {
            assertThat(result.scores().get(winners.get(i - 1))).as(context).isGreaterThanOrEqualTo(result.scores().get(winners.get(i)));
        }
    }

    private static TreeSet<String> strings(JsonNode array) {
        TreeSet<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }
}

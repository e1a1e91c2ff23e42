package io.fairauction.core.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Competition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuctionGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> stylesAndSeeds() {
        return AuctionGenerator.styles().stream()
                .flatMap(s -> Stream.of(0L, 1L, 42L, -7L).map(seed -> Arguments.of(s.name(), seed)));
    }

    private static AuctionGenerator.Spec spec(String style, long seed) {
        return new AuctionGenerator.Spec(24, 5, 60, seed, style);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("stylesAndSeeds")
    void sameSpecGivesByteIdenticalJson(String style, long seed) {
        String first = AuctionJson.write(AuctionGenerator.generate(spec(style, seed)), true);
        String second = AuctionJson.write(AuctionGenerator.generate(spec(style, seed)), true);
        assertThat(second).as("style %s, seed %d", style, seed).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("stylesAndSeeds")
    void differentSeedsGiveDifferentAuctionsApartFromTheirIds(String style, long seed) throws Exception {
        // The id names the seed: compare everything else, or a generator that ignored the seed would pass.
        JsonNode a = withoutId(AuctionGenerator.generate(spec(style, seed)));
        JsonNode b = withoutId(AuctionGenerator.generate(spec(style, seed + 1)));
        assertThat(b.get("tokens")).as("tokens are the same market or goods").isNotNull();
        assertThat(b).as("style %s, seeds %d and %d", style, seed, seed + 1).isNotEqualTo(a);
        assertThat(b.get("bids")).as("style %s, seeds %d and %d: bids", style, seed, seed + 1).isNotEqualTo(a.get("bids"));
    }

    private static JsonNode withoutId(Competition c) throws Exception {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(AuctionJson.write(c, false));
        assertThat(doc.remove("id")).isNotNull();
        return doc;
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("stylesAndSeeds")
    void generatedAuctionSurvivesTheFileRoundTrip(String style, long seed) throws Exception {
        Competition generated = AuctionGenerator.generate(spec(style, seed));
        String json = AuctionJson.write(generated, false);
        Competition read = AuctionJson.read(json);
        assertThat(read).as("style %s, seed %d", style, seed).isEqualTo(generated);
        assertThat(AuctionJson.write(read, false)).isEqualTo(json);
    }

    @Test
    void specRejectsNoIntents() {
        assertThatThrownBy(() -> new AuctionGenerator.Spec(0, 5, 10, 1, "market"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of intents must be in 1..100000 for style market, got 0");
    }

    @Test
    void specRejectsNoSolvers() {
        assertThatThrownBy(() -> new AuctionGenerator.Spec(10, 0, 10, 1, "market"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of solvers must be in 1..10000, got 0");
    }

    @Test
    void specRejectsNegativeBatchedBids() {
        assertThatThrownBy(() -> new AuctionGenerator.Spec(10, 3, -1, 1, "market"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of batched bids must be in 0..2000000, got -1");
    }

    @Test
    void specRejectsAnUnknownStyleAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> new AuctionGenerator.Spec(10, 3, 5, 1, "nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown style \"nonsense\"; one of: market, arbitrary, paths, regions, scheduling, matching, random, weighted-random, uniform, decay");
    }

    @Test
    void specRejectsMoreGoodsThanTheStyleCanBuild() {
        assertThatThrownBy(() -> new AuctionGenerator.Spec(4_001, 3, 5, 1, "arbitrary"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..4000 for style arbitrary");
    }

    @Test
    void batchedBidsNeedTwoIntents() {
        var spec = new AuctionGenerator.Spec(1, 3, 1, 1, "market");
        assertThatThrownBy(() -> AuctionGenerator.generate(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batched bids need at least 2 intents");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 200})
    void defaultBatchedBidsAreTwoPerIntentForMarketAndFivePerGoodForCats(int intents) {
        assertThat(AuctionGenerator.defaultBatchedBids("market", intents)).isEqualTo(intents >= 2 ? 2 * intents : 0);
        for (String cats : new String[] {"arbitrary", "paths", "regions", "scheduling", "matching", "random", "weighted-random", "uniform", "decay"}) {
            assertThat(AuctionGenerator.defaultBatchedBids(cats, intents)).isEqualTo(5 * intents);
        }
    }

    @Test
    void everyStyleHasANameAndAOneLineSummary() {
        assertThat(AuctionGenerator.styles()).extracting(Style::name)
                .containsExactly("market", "arbitrary", "paths", "regions", "scheduling", "matching", "random",
                        "weighted-random", "uniform", "decay");
        assertThat(AuctionGenerator.styles()).allSatisfy(s -> assertThat(s.summary()).isNotBlank().doesNotContain("\n"));
    }
}

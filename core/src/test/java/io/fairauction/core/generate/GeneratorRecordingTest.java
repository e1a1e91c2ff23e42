package io.fairauction.core.generate;

import io.fairauction.core.json.AuctionJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-version determinism: a published seed must keep meaning the same auction. Each style's output for one small
 * spec is recorded under {@code core/src/test/resources/generator/} and compared byte for byte with what a fresh JVM
 * prints ({@link PrintGenerated}) and with what this JVM generates.
 *
 * <p>A change that is meant to alter the output re-records the files, stating it in the commit:
 * {@code ./mvnw -pl core test -Dtest=GeneratorRecordingTest -Dgenerator.record=true}.
 */
class GeneratorRecordingTest {
    /** A small spec per style: market intents or CATS goods, solvers, batched bids (CATS: all bids), seed. */
    static Stream<Arguments> recorded() {
        return Stream.of(
                Arguments.of("market", 6, 3, 4, 7L),
                Arguments.of("arbitrary", 8, 3, 12, 7L),
                Arguments.of("paths", 8, 3, 12, 7L),
                Arguments.of("regions", 8, 3, 12, 7L),
                Arguments.of("scheduling", 8, 3, 12, 7L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void aFreshJvmPrintsTheRecordedAuction(String style, int intents, int solvers, int batched, long seed) throws Exception {
        Path file = Path.of("src", "test", "resources", "generator", style + ".json");
        String fresh = printInFreshJvm(intents, solvers, batched, seed, style);
        if (Boolean.getBoolean("generator.record")) {
            Files.writeString(file, fresh, StandardCharsets.UTF_8);
        }
        assertThat(file).as("recorded output for %s (see the class comment to record it)", style).exists();
        String recorded = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(fresh).as("%s: a fresh JVM's output differs from the recording", style).isEqualTo(recorded);
        String here = AuctionJson.write(AuctionGenerator.generate(new AuctionGenerator.Spec(intents, solvers, batched, seed, style)), true);
        assertThat(here).as("%s: this JVM's output differs from the recording", style).isEqualTo(recorded);
    }

    private static String printInFreshJvm(int intents, int solvers, int batched, long seed, String style)
            throws IOException, InterruptedException {
        // Surefire runs tests from a manifest-only jar; it names the real test class path in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                PrintGenerated.class.getName(), String.valueOf(intents), String.valueOf(solvers),
                String.valueOf(batched), String.valueOf(seed), style));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Not a performance assertion: only keeps a hung child from hanging the build.
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as("child JVM exit code").isZero();
        return out;
    }
}

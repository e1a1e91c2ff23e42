package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anvil's output goes to a temporary file that leaves with it, or to the file asked for, which stays. */
class AnvilLogTest {
    @Test
    void aTemporaryLogIsRemovedWhenAnvilStops() {
        Path log;
        try (Anvil anvil = Anvil.start()) {
            log = anvil.log();
            assertThat(log).exists();
        }
        assertThat(log).doesNotExist();
    }

    @Test
    void aLogAskedForIsKeptAfterAnvilStops(@TempDir Path dir) {
        Path log = dir.resolve("anvil.log");
        try (Anvil anvil = Anvil.start(new Anvil.Options(0, 31337, Optional.empty(), Optional.of(log)))) {
            assertThat(anvil.log()).isEqualTo(log);
        }
        assertThat(log).exists().isNotEmptyFile();
    }
}

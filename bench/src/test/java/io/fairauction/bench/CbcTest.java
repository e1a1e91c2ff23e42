package io.fairauction.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing CBC's output, with a stand-in script that prints what the real binary prints. */
class CbcTest {
    @TempDir
    Path dir;

    private Path fakeCbc(String output) throws IOException {
        Path script = dir.resolve("cbc");
        Files.writeString(script, "#!/bin/sh\n# args: file sec N solve\n[ \"$2\" = sec ] && [ \"$4\" = solve ] || exit 3\ncat <<'OUT'\n" + output + "OUT\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aProvenOptimumIsReadWithItsObjective() throws Exception {
        Path cbc = fakeCbc("""
                Welcome to the CBC MILP Solver
                Result - Optimal solution found

                Objective value:                1753236452967.72100000
                Enumerated nodes:               0
                """);
        Cbc.Run run = Cbc.solve(cbc, dir.resolve("x.lp"), Duration.ofSeconds(5));
        assertThat(run.optimal()).isTrue();
        assertThat(run.status()).isEqualTo("Optimal solution found");
        assertThat(run.objective()).isEqualByComparingTo("1753236452967.721");
    }

    @Test
    void aRunStoppedOnTimeIsNotOptimal() throws Exception {
        Path cbc = fakeCbc("""
                Result - Stopped on time limit

                Objective value:                812.00000000
                Lower bound:                    -840.125
                """);
        Cbc.Run run = Cbc.solve(cbc, dir.resolve("x.lp"), Duration.ofSeconds(5));
        assertThat(run.optimal()).isFalse();
        assertThat(run.status()).isEqualTo("Stopped on time limit");
        assertThat(run.objective()).isEqualByComparingTo("812");
    }

    @Test
    void aCrashIsReportedByItsExitCode() throws Exception {
        Path script = dir.resolve("cbc");
        Files.writeString(script, "#!/bin/sh\necho 'Segmentation fault'\nexit 139\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cbc.Run run = Cbc.solve(script, dir.resolve("x.lp"), Duration.ofSeconds(5));
        assertThat(run.optimal()).isFalse();
        assertThat(run.status()).isEqualTo("exit 139");
        assertThat(run.objective()).isNull();
    }
}

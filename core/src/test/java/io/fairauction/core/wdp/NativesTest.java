package io.fairauction.core.wdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NativesTest {
    @Test
    void unpacksEveryLibraryOfThePlatformOnceAndASecondUnpackLeavesTheFirstInPlace(@TempDir Path cache) throws Exception {
        String folder = Natives.resourceFolder();
        Path jar = Natives.nativeJar(folder);
        assertThat(jar).as("OR-Tools' native jar for " + folder + " is on the test class path").isNotNull();
        long inJar;
        try (JarFile jf = new JarFile(jar.toFile())) {
            inJar = jf.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(folder + "/")).count();
        }
        Path dir = cache.resolve("ortools").resolve("v");
        Natives.unpack(jar, folder, dir);
        assertThat(dir.resolve(".complete")).exists();
        assertThat(dir.resolve(System.mapLibraryName("jniortools"))).exists();
        assertThat(countFiles(dir)).isEqualTo(inJar + 1);
        long modified = Files.getLastModifiedTime(dir.resolve(".complete")).toMillis();

        // A second process that finds the directory already there (it lost the race) uses it as it is.
        Natives.unpack(jar, folder, dir);
        assertThat(Files.getLastModifiedTime(dir.resolve(".complete")).toMillis()).isEqualTo(modified);
        try (Stream<Path> left = Files.list(dir.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no half-unpacked directory left behind")
                    .containsExactly("v");
        }
    }

    private static long countFiles(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}

package io.fairauction.core.wdp;

import com.google.ortools.Loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads OR-Tools' native libraries once per process, and only when a solve needs them. OR-Tools' own
 * {@link Loader} unpacks its ~60 MB of libraries into a fresh temporary directory on every start (about a
 * second); we unpack them once into a cache directory keyed by the native jar's name and size, and load them
 * from there (tens of milliseconds). Any problem with the cache falls back to {@link Loader}.
 *
 * <p>The cache is {@code $FAIR_AUCTION_CACHE/ortools/<jar>-<size>/}, {@code FAIR_AUCTION_CACHE} defaulting to
 * {@code ~/.cache/fair-auction}; the system property {@code fairauction.natives.cache=false} turns it off.
 */
public final class Natives {
    private static volatile boolean loaded;

    private Natives() {
    }

    /** Loads the natives if this process has not yet. */
    public static void load() {
        if (!loaded) {
            synchronized (Natives.class) {
                if (!loaded) {
                    boolean cache = !"false".equals(System.getProperty("fairauction.natives.cache"));
                    if (!cache || !loadCached()) {
                        Loader.loadNativeLibraries();
                    }
                    loaded = true;
                }
            }
        }
    }

    /** The resource folder OR-Tools' native jar keeps its libraries in, as JNA names the platform. */
    static String resourceFolder() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86-64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "win32" : os;
        return "ortools-" + o + "-" + a;
    }

    private static boolean loadCached() {
        try {
            String folder = resourceFolder();
            Path jar = nativeJar(folder);
            if (jar == null) {
                return false;
            }
            Path dir = cacheRoot().resolve("ortools").resolve(jar.getFileName() + "-" + Files.size(jar));
            Path jni = dir.resolve(System.mapLibraryName("jniortools"));
            if (!Files.exists(dir.resolve(".complete"))) {
                unpack(jar, folder, dir);
            }
            System.load(jni.toAbsolutePath().toString());
            return true;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError | java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The jar holding OR-Tools' libraries for this platform, or null when they are not in a jar. */
    static Path nativeJar(String folder) throws IOException, java.net.URISyntaxException {
        URL url = Loader.class.getClassLoader().getResource(folder + "/");
        if (url == null || !"jar".equals(url.getProtocol())) {
            return null;
        }
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        return Path.of(connection.getJarFileURL().toURI());
    }

    private static Path cacheRoot() {
        String env = System.getenv("FAIR_AUCTION_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "fair-auction");
    }

    /** Unpacks into a private directory, then renames it into place: concurrent first runs never see half a cache. */
    static void unpack(Path jar, String folder, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), ".unpack-");
        try {
            try (JarFile jf = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = jf.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.isDirectory() || !e.getName().startsWith(folder + "/")) {
                        continue;
                    }
                    Path target = tmp.resolve(e.getName().substring(folder.length() + 1)).normalize();
                    if (!target.startsWith(tmp)) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jf.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.createFile(tmp.resolve(".complete"));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another process won the race (or the file system cannot rename atomically): use what is there.
                if (!Files.exists(dir.resolve(".complete"))) {
                    throw e;
                }
            } catch (IOException e) {
                if (!Files.exists(dir.resolve(".complete"))) {
                    throw e;
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}

package io.fairauction.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local Anvil dev chain (Foundry), run as a child process.
 *
 * <p>Anvil comes from the npm registry: the package {@code @foundry-rs/anvil-<os>-<arch>} holds the real binary.
 * {@link #install()} runs the machine's {@code npm} once per version into a cache
 * ({@code $FAIR_AUCTION_CACHE} or {@code ~/.cache/fair-auction}, then {@code anvil/<version>/}); later calls find it
 * there. No Docker, no download outside the npm registry.
 */
public final class Anvil implements AutoCloseable {
    /** Pinned; raise it deliberately (the gas figures in docs/gas.md were measured with it). */
    public static final String VERSION = "1.4.4";
    public static final long DEFAULT_CHAIN_ID = 31337;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String rpcUrl;
    private final long chainId;
    private final Path log;
    /** Whether {@link #log} is a temporary file of this instance's own, removed when Anvil stops. */
    private final boolean ownLog;

    private Anvil(Process process, String rpcUrl, long chainId, Path log, boolean ownLog) {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.chainId = chainId;
        this.log = log;
        this.ownLog = ownLog;
    }

    /**
     * How to start Anvil.
     *
     * @param port    TCP port on 127.0.0.1; 0 picks a free one
     * @param chainId the chain id
     * @param state   a file Anvil loads its state from at start (when it exists) and writes it to at exit;
     *                empty for a chain that is gone when Anvil stops
     * @param log     where Anvil's output goes; empty for a temporary file
     */
    public record Options(int port, long chainId, Optional<Path> state, Optional<Path> log) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            if (chainId <= 0) {
                throw new IllegalArgumentException("chain id must be positive, got " + chainId);
            }
        }

        public static Options defaults() {
            return new Options(0, DEFAULT_CHAIN_ID, Optional.empty(), Optional.empty());
        }

        public Options withPort(int port) {
            return new Options(port, chainId, state, log);
        }

        public Options withState(Path state) {
            return new Options(port, chainId, Optional.of(state), log);
        }

        public Options withLog(Path log) {
            return new Options(port, chainId, state, Optional.of(log));
        }
    }

    /** Starts Anvil with {@link Options#defaults()}: a fresh chain on a free port. */
    public static Anvil start() {
        return start(Options.defaults());
    }

    /** Installs Anvil if needed, starts it and returns once it answers JSON-RPC. */
    public static Anvil start(Options options) {
        Path binary = install();
        ChainException last = null;
        // A free port found here can be taken before Anvil binds it; a second port then does.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = options.port() != 0 ? options.port() : freePort();
            try {
                return launch(binary, port, options);
            } catch (ChainException e) {
                last = e;
                if (options.port() != 0) {
                    break;
                }
            }
        }
        throw last;
    }

    private static Anvil launch(Path binary, int port, Options options) {
        Path log;
        try {
            log = options.log().isPresent() ? options.log().get() : Files.createTempFile("anvil-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--host", "127.0.0.1",
                "--port", Integer.toString(port),
                "--chain-id", Long.toString(options.chainId()),
                "--accounts", Integer.toString(DevAccounts.COUNT),
                "--mnemonic", DevAccounts.MNEMONIC));
        options.state().ifPresent(state -> command.addAll(List.of("--state", state.toString())));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new ChainException(ChainError.ANVIL_START_FAILED, "cannot run " + binary + ": " + e.getMessage(), e);
        }
        String url = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new ChainException(ChainError.ANVIL_START_FAILED,
                        "anvil exited with code " + process.exitValue() + ": " + tail(log));
            }
            try (Chain chain = Chain.connect(url)) {
                return new Anvil(process, url, chain.chainId(), log, options.log().isEmpty());
            } catch (ChainException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new ChainException(ChainError.ANVIL_START_FAILED,
                            "anvil did not answer on " + url + " within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
                }
                sleep(50);
            }
        }
    }

    /** The Anvil binary, installed from the npm registry into the cache on first use. */
    public static Path install() {
        String pkg = "@foundry-rs/anvil-" + platform();
        Path home = cacheDir().resolve("anvil").resolve(VERSION);
        Path binary = binaryIn(home, pkg);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(home.getParent());
            // Install beside the final place and move it there at once, so a concurrent build never sees half.
            Path staging = Files.createTempDirectory(home.getParent(), VERSION + ".installing-");
            Path npmLog = staging.resolve("npm.log");
            List<String> npm = List.of(npmExecutable(), "install", "--no-save", "--no-package-lock", "--ignore-scripts",
                    "--no-audit", "--no-fund", "--prefix", staging.toString(), pkg + "@" + VERSION);
            Process process = new ProcessBuilder(npm).redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ChainException(ChainError.ANVIL_INSTALL_FAILED, "npm install " + pkg + " timed out");
            }
            if (process.exitValue() != 0 || !Files.isExecutable(binaryIn(staging, pkg))) {
                throw new ChainException(ChainError.ANVIL_INSTALL_FAILED,
                        "npm install " + pkg + "@" + VERSION + " failed: " + tail(npmLog));
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // Another process installed it first; theirs is as good as ours.
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, home);
            }
            return binary;
        } catch (IOException e) {
            throw new ChainException(ChainError.ANVIL_INSTALL_FAILED, "cannot install anvil: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(ChainError.ANVIL_INSTALL_FAILED, "interrupted while installing anvil", e);
        }
    }

    private static Path binaryIn(Path prefix, String pkg) {
        return prefix.resolve("node_modules").resolve(pkg).resolve("bin").resolve("anvil");
    }

    static Path cacheDir() {
        String override = System.getenv("FAIR_AUCTION_CACHE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "fair-auction");
    }

    /** The {@code <os>-<arch>} suffix Foundry publishes Anvil packages under. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
        if (o == null || a == null) {
            throw new ChainException(ChainError.ANVIL_UNSUPPORTED_PLATFORM,
                    "no Anvil npm package for " + os + "/" + arch + "; start a node yourself and pass its RPC URL");
        }
        return o + "-" + a;
    }

    private static String npmExecutable() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Blocks until Anvil exits (the CLI's {@code chain start}). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Stops Anvil: SIGTERM first, so that a {@code --state} file is written, then SIGKILL. A temporary log goes with
     * it (every test and devnet starts one; a log asked for in the options stays).
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (ownLog && !process.isAlive()) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // Only a leftover temporary file.
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ChainException(ChainError.ANVIL_START_FAILED, "no free port: " + e.getMessage(), e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(ChainError.ANVIL_START_FAILED, "interrupted while waiting for anvil", e);
        }
    }
}

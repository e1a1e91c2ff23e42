package io.fairauction.auctioneer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An auctioneer run as its own JVM, as in production, so a test can kill it with SIGKILL. */
final class AuctioneerProcess implements AutoCloseable {
    private final Process process;
    final Path log;
    final int port;

    private AuctioneerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static AuctioneerProcess start(Path dir, String name, String config) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".yml");
            Files.writeString(file, config);
            Path log = dir.resolve(name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    AuctioneerApplication.class.getName(), "--config", file.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int port = Integer.parseInt(config.lines().filter(l -> l.trim().startsWith("port:")).findFirst()
                    .orElseThrow().split(":")[1].trim());
            return new AuctioneerProcess(p, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean close, as a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill9();
        }
    }
}

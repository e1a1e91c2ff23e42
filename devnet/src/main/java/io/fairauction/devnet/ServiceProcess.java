package io.fairauction.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own JVM, as in production: {@code java -cp <this classpath> <main> --config FILE}, its output in
 * a log file. The devnet runs the three services this way, so a service crash is a process crash.
 */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code mainClass} with the YAML {@code config} written to {@code dir/name.yml}; HTTP on {@code port}. */
    public static ServiceProcess start(Path dir, String name, String mainClass, String config, int port) {
        return start(dir, name, mainClass, config, port, QUICK_START);
    }

    /**
     * The devnet's JVM options: C1 only, a small heap. Starts three services in about half the CPU of full tiered
     * compilation; a benchmark of steady-state rounds passes {@link #STEADY_STATE} instead.
     */
    public static final List<String> QUICK_START = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * Full tiered compilation (C2), as a long-running production service runs, and the collector image's collector:
     * parallel young collections in a 64 MB young generation pause about 10 ms; Serial paused 30-48 ms every few
     * seconds (the intake's p99 at 1,000/s went from 69 to 18 ms), G1 cost 35 % more CPU per intent.
     */
    public static final List<String> STEADY_STATE = List.of("-Xmx512m", "-XX:+UseParallelGC", "-Xmn64m");

    /** {@link #start(Path, String, String, String, int)} with these JVM options. */
    public static ServiceProcess start(Path dir, String name, String mainClass, String config, int port, List<String> jvmOptions) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".yml");
            Files.writeString(file, config);
            Path log = dir.resolve(name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new java.util.ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "--config", file.toString()));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, p, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The process's CPU time so far (user + system), if the platform reports it. */
    public java.util.Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the log's tail once the process has exited: a run must not wait for a service that is gone. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + ":\n" + tail(30));
        }
    }

    /** Waits until {@code /health} answers 200, or fails with the log's tail if the process dies or time runs out. */
    public void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            checkAlive();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s:\n" + tail(30));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, as a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (Micronaut closes cleanly), then SIGKILL after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }
}

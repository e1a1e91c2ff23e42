package io.fairauction.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the COIN-OR CBC binary ({@code apt-get install coinor-cbc}) on an LP file, with the same time limit. */
final class Cbc {
    private static final Pattern OBJECTIVE = Pattern.compile("^Objective value:\\s+(-?[0-9.eE+-]+)");

    /**
     * @param objective CBC's objective value (a double: exact for CATS-sized integers), or null
     * @param peakKb    the process's peak resident memory, from /proc while it runs
     */
    record Run(long millis, boolean optimal, BigDecimal objective, long peakKb, String status) {
        /** The objective in wei, for an LP written in units of 10^scale wei (see {@code LpFormat}). */
        Run inWei(int scale) {
            return new Run(millis, optimal, objective == null ? null : objective.movePointRight(scale), peakKb, status);
        }
    }

    private Cbc() {
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "cbc");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Run solve(Path cbc, Path lp, Duration limit) throws IOException, InterruptedException {
        List<String> cmd = List.of(cbc.toString(), lp.toString(), "sec", String.valueOf(Math.max(1, limit.toSeconds())), "solve");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        PeakMemory peak = PeakMemory.watch(p.pid());
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
            }
        }
        int exit = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peakKb = peak.stop();
        boolean optimal = false;
        BigDecimal objective = null;
        String status = "exit " + exit;
        for (String line : output) {
            if (line.startsWith("Result - ")) {
                status = line.substring("Result - ".length()).trim();
                optimal = status.startsWith("Optimal solution found");
            }
            Matcher m = OBJECTIVE.matcher(line);
            if (m.find()) {
                objective = new BigDecimal(m.group(1));
            }
        }
        return new Run(millis, optimal, objective, peakKb, status);
    }
}

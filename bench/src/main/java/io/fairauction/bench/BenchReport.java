package io.fairauction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The benchmark table, in markdown. */
public final class BenchReport {
    private BenchReport() {
    }

    public static String markdown(List<BenchRunner.Measurement> measurements, BenchRunner.Config config) {
        Map<Scenario, List<BenchRunner.Measurement>> by = new LinkedHashMap<>();
        measurements.forEach(m -> by.computeIfAbsent(m.scenario(), s -> new ArrayList<>()).add(m));
        StringBuilder out = new StringBuilder();
        out.append("| scenario | mechanism | instances | proven optimal | median | p90 | max | peak RSS (median) "
                + "| CBC proven | CBC median | CBC max | CBC peak RSS (median) | median ours / CBC |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Long> oursCats = new ArrayList<>();
        List<Long> cbcCats = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<Scenario, List<BenchRunner.Measurement>> e : by.entrySet()) {
            Scenario s = e.getKey();
            List<BenchRunner.Measurement> ms = e.getValue();
            List<BenchRunner.Measurement> withCbc = ms.stream().filter(m -> m.cbc() != null).toList();
            long median = percentile(ms, BenchRunner.Measurement::millis, 50);
            out.append("| ").append(s.name()).append(" | ").append(s.mechanism()).append(" | ").append(ms.size())
                    .append(" | ").append(ms.stream().filter(BenchRunner.Measurement::optimal).count())
                    .append(" | ").append(ms(median))
                    .append(" | ").append(ms(percentile(ms, BenchRunner.Measurement::millis, 90)))
                    .append(" | ").append(ms(percentile(ms, BenchRunner.Measurement::millis, 100)))
                    .append(" | ").append(mb(percentile(ms, BenchRunner.Measurement::peakKb, 50)));
            if (withCbc.isEmpty()) {
                out.append(" | | | | | |\n");
            } else {
                long cbcMedian = percentile(withCbc, m -> m.cbc().millis(), 50);
                out.append(" | ").append(withCbc.stream().filter(m -> m.cbc().optimal()).count())
                        .append(" | ").append(ms(cbcMedian))
                        .append(" | ").append(ms(percentile(withCbc, m -> m.cbc().millis(), 100)))
                        .append(" | ").append(mb(percentile(withCbc, m -> m.cbc().peakKb(), 50)))
                        .append(" | ").append(String.format("%.2f", (double) median / Math.max(1, cbcMedian))).append(" |\n");
                withCbc.forEach(m -> {
                    oursCats.add(m.millis());
                    cbcCats.add(m.cbc().millis());
                });
            }
            ms.stream().filter(BenchRunner.Measurement::disagrees).forEach(m -> disagreements.add(
                    s.name() + " seed " + m.seed() + ": ours " + m.totalScore() + ", CBC " + m.cbc().objective()));
        }
        out.append('\n');
        if (!oursCats.isEmpty()) {
            out.append(String.format("All instances solved side by side with CBC (%d): median ours %s, median CBC %s.%n",
                    oursCats.size(), ms(median(oursCats)), ms(median(cbcCats))));
        }
        out.append(String.format("Time limit %d s per instance for both; %d CP-SAT worker thread(s); %d seed(s) per scenario.%n",
                config.timeLimit().toSeconds(), config.workers(), config.seeds()));
        if (!disagreements.isEmpty()) {
            out.append("Optimum disagreements with CBC: ").append(String.join("; ", disagreements)).append('\n');
        }
        return out.toString();
    }

    private static long percentile(List<BenchRunner.Measurement> ms, ToLongFunction<BenchRunner.Measurement> f, int p) {
        List<Long> values = new ArrayList<>();
        ms.forEach(m -> values.add(f.applyAsLong(m)));
        values.sort(null);
        if (values.isEmpty()) {
            return 0;
        }
        // Nearest rank; for the median of an even count, the lower middle.
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, rank - 1));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String ms(long millis) {
        return millis >= 10_000 ? String.format("%.1f s", millis / 1000.0) : millis + " ms";
    }

    private static String mb(long kb) {
        return kb == 0 ? "n/a" : (kb / 1024) + " MB";
    }
}

package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Results appends every figure to CSV files as soon as it is measured ({@code results.csv}: the
 * median of the runs, {@code runs.csv}: each run, {@code percentiles.csv}: latency curves), so a
 * run cut short still leaves what it measured, and the report is written from these files only.
 */
final class Results {

  static final String[] PERCENTILES = {"50", "90", "99", "99.9", "99.99", "100"};

  private final Path dir;

  Results(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  Path dir() {
    return dir;
  }

  /** Records the median over runs of each metric; metrics missing from a run are skipped. */
  void add(String scenario, String variant, String peer, List<Map<String, Double>> runs)
      throws IOException {
    Map<String, Double> median = new LinkedHashMap<>();
    for (int r = 0; r < runs.size(); r++) {
      for (Map.Entry<String, Double> e : runs.get(r).entrySet()) {
        append("runs.csv", scenario, variant, peer, r + 1 + "", e.getKey(), e.getValue());
        median.putIfAbsent(e.getKey(), null);
      }
    }
    for (String metric : median.keySet()) {
      List<Double> values = new ArrayList<>();
      for (Map<String, Double> run : runs) {
        Double v = run.get(metric);
        if (v != null && !v.isNaN()) {
          values.add(v);
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      values.sort(Double::compare);
      double m =
          values.size() % 2 == 1
              ? values.get(values.size() / 2)
              : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
      append("results.csv", scenario, variant, peer, runs.size() + "", metric, m);
      System.out.printf(Locale.ROOT, "  %-12s %-22s %-14s %-28s %,.3f%n", scenario, variant, peer, metric, m);
    }
  }

  void percentiles(String variant, String peer, Histogram micros) throws IOException {
    for (String p : PERCENTILES) {
      double ms = micros.getValueAtPercentile(Double.parseDouble(p)) / 1000.0;
      append("percentiles.csv", variant, peer, p, ms);
    }
  }

  private synchronized void append(String file, Object... fields) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      Object f = fields[i];
      line.append(f instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : f);
    }
    line.append('\n');
    Files.writeString(
        dir.resolve(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Latency figures in milliseconds from a histogram in microseconds. */
  static void latency(Map<String, Double> into, String prefix, Histogram micros) {
    into.put(prefix + "p50_ms", micros.getValueAtPercentile(50) / 1000.0);
    into.put(prefix + "p99_ms", micros.getValueAtPercentile(99) / 1000.0);
    into.put(prefix + "p99.9_ms", micros.getValueAtPercentile(99.9) / 1000.0);
    into.put(prefix + "max_ms", micros.getMaxValue() / 1000.0);
  }
}

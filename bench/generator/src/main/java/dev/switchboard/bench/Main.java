package dev.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs the benchmark suite: every scenario against every peer (scenario by scenario, so a run cut
 * short still compares the peers side by side), then writes the report. {@code bench/run.sh} is
 * the entry point; see docs/benchmarks.md.
 *
 * <pre>
 * java -jar bench.jar [--quick] [--peers switchboard,baseline,netty,socketio,stomp]
 *     [--scenarios idle,fanout,saturation,small,storm,slow] [--results DIR] [--report FILE]
 *     [--baseline-commit SHA]
 * java -jar bench.jar report --results DIR --report FILE
 * </pre>
 */
public final class Main {

  static final List<String> SCENARIOS = List.of("idle", "fanout", "saturation", "small", "storm", "slow");

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      Scenarios.child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4].split(","));
      return;
    }
    boolean reportOnly = args.length > 0 && args[0].equals("report");
    boolean quick = false;
    List<String> peers = PeerServer.ALL;
    List<String> scenarios = SCENARIOS;
    Path repo = Path.of(".").toAbsolutePath().normalize();
    Path resultsDir = repo.resolve("bench/results/latest");
    Path report = repo.resolve("docs/benchmarks.md");
    String serverCpu = "0";
    String baseline = null;
    for (int i = reportOnly ? 1 : 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--peers" -> peers = Arrays.asList(args[++i].split(","));
        case "--scenarios" -> scenarios = Arrays.asList(args[++i].split(","));
        case "--results" -> resultsDir = Path.of(args[++i]).toAbsolutePath();
        case "--report" -> report = Path.of(args[++i]).toAbsolutePath();
        case "--server-cpu" -> serverCpu = args[++i];
        case "--baseline-commit" -> baseline = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (reportOnly) {
      new Report(resultsDir, repo).write(report);
      return;
    }
    Results results = new Results(resultsDir);
    Settings settings = quick ? Settings.smokeScale() : Settings.fullScale();
    Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Properties meta = new Properties();
    meta.setProperty("mode", quick ? "quick" : "full");
    meta.setProperty("started", Instant.now().toString());
    meta.setProperty(
        "commit", PeerServer.run("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD").trim());
    meta.setProperty("load_before", Files.readString(Path.of("/proc/loadavg")).trim());
    meta.setProperty("peers", String.join(",", peers));
    if (baseline != null) {
      meta.setProperty("baseline", baseline);
    }
    meta.setProperty("scenarios", String.join(",", scenarios));
    meta.setProperty("settings", settings.toString());
    meta.setProperty("saturation_p99_limit_ms", String.valueOf(settings.saturationP99LimitMs()));
    store(meta, resultsDir);
    Scenarios runner = new Scenarios(settings, repo, jar, results, serverCpu);
    for (String scenario : scenarios) {
      for (String peer : peers) {
        System.out.printf("== %s / %s (%s)%n", scenario, peer, Instant.now());
        try {
          switch (scenario) {
            case "idle" -> runner.idle(peer);
            case "fanout" -> runner.fanout(peer);
            case "saturation" -> runner.saturation(peer);
            case "small" -> runner.smallChannels(peer);
            case "storm" -> runner.reconnectStorm(peer);
            case "slow" -> runner.slowConsumer(peer);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; use " + SCENARIOS);
          }
        } catch (Exception e) {
          System.out.println("  FAILED: " + e);
          e.printStackTrace(System.out);
          meta.setProperty("failed." + scenario + "." + peer, String.valueOf(e));
        }
        meta.setProperty("done." + scenario, String.join(",", peers.subList(0, peers.indexOf(peer) + 1)));
        store(meta, resultsDir);
      }
    }
    meta.setProperty("finished", Instant.now().toString());
    meta.setProperty("load_after", Files.readString(Path.of("/proc/loadavg")).trim());
    store(meta, resultsDir);
    new Report(resultsDir, repo).write(report);
    System.exit(0);
  }

  private static void store(Properties meta, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (var out = Files.newBufferedWriter(dir.resolve("meta.properties"))) {
      meta.store(out, "benchmark run");
    }
  }
}

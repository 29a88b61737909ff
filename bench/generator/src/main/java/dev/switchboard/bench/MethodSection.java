package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MethodSection writes the report's "Method" section: when the run ran and on what machine, the
 * versions of Switchboard and its peers (read from their build files), how each figure is
 * measured, and what the run left out or saw fail.
 */
final class MethodSection {

  private final Properties meta;
  private final Path repo;

  MethodSection(Properties meta, Path repo) {
    this.meta = meta;
    this.repo = repo;
  }

  /** Appends the "Method" section: the run, the machine, the peers' versions and how each was measured. */
  void write(StringBuilder md) throws Exception {
    md.append("## Method\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| run | ").append(meta.getProperty("mode")).append(" mode, ")
        .append(meta.getProperty("started")).append(" → ")
        .append(meta.getProperty("finished", "(cut short)")).append(" |\n");
    md.append("| machine | ").append(cpu()).append(", ").append(memory()).append(" |\n");
    md.append("| load average (1/5/15 min) | before: ").append(loadOf("load_before"))
        .append("; after: ").append(loadOf("load_after")).append(" |\n");
    md.append("| Switchboard | commit ")
        .append(meta.getProperty("commit", "?"))
        .append(", Micronaut ").append(xml(repo.resolve("pom.xml"), "micronaut.version"))
        .append(", default configuration but the per-token socket cap |\n");
    md.append("| raw Netty | Netty ").append(xml(repo.resolve("bench/peers/netty/pom.xml"), "netty.version")).append(" |\n");
    md.append("| Socket.IO | socket.io ").append(json(repo.resolve("bench/peers/socketio/node_modules/socket.io/package.json")))
        .append(", Node ").append(PeerServer.run("node", "--version").trim()).append(" |\n");
    md.append("| Spring STOMP | Spring Boot ").append(parent(repo.resolve("bench/peers/spring-stomp/pom.xml")))
        .append(" (Tomcat, simple broker) |\n");
    md.append("| JVM | ").append(PeerServer.run("java", "-version").lines().findFirst().orElse("?"))
        .append(", `-Xmx2g`, JVM defaults otherwise (one visible CPU: Serial GC) |\n\n");
    md.append(
        """
        - **Pinning.** Each server runs alone on CPU 0 (`taskset -c 0`); the generator (and its \
        helper processes) on CPU 1. The machine has 2 cores, so the server has exactly one.
        - **Generator.** Java 17, Netty client (epoll transport on Linux, 2 event-loop threads), HdrHistogram. \
        Publishers and receivers are in the same process: each event carries the generator's \
        clock reading at its *intended* send time (fixed-rate schedule), and latency is receive \
        time minus intended time, so a late publish counts as latency (no coordinated omission). \
        Every publish is numbered; the report counts expected deliveries (subscribers at publish \
        time) against received ones per publish: `lost` can never be hidden by duplicates.
        - **Publishing.** Every peer publishes over HTTP from the generator (`POST`, keep-alive): \
        Switchboard's `POST /api/channels/{channel}/events` with the admin token, the peers' \
        `POST /publish/{channel}`. The protocol has no free-form event, so Switchboard's event is \
        a `stream_output` on a `session:<id>` channel (sessions created over REST first) whose \
        `chunk` carries the timestamp and padding; every peer carries the same ~200-byte payload. \
        At most 256 publishes await their answer at once; past that a publish waits, goes out \
        late, and its latency (from its intended time) shows it.
        - **Peers.** Socket.IO 4: rooms as channels, `io.to(room).emit` on publish, WebSocket \
        transport only, default heartbeat (server ping every 25 s). Raw Netty: one pre-encoded \
        frame written to a `ChannelGroup` per room, no history, no limits, no authentication (the \
        JVM ceiling). Spring STOMP: `@EnableWebSocketMessageBroker` with the simple broker, \
        subscriptions to `/topic/<channel>`, `SimpMessagingTemplate.convertAndSend` on publish, \
        25 s heartbeats, `server.tomcat.max-connections=30000` (the default 8,192 is below the \
        idle scenario). Switchboard: authentication on every upgrade, offsets, history and the \
        outbound budget as shipped; client pings every 30 s.
        - **Limits.** Switchboard runs with its defaults (100 subscriptions and 100 commands/s per \
        connection, 1 MiB pending bytes with a 2 s grace): no scenario comes near them except the \
        slow consumer, which is meant to. The one exception: every client uses the admin token, \
        so `switchboard.ws.max-connections-per-token` (50 by default) is raised to 100,000.
        - **Warm-up.** Before the fan-out runs and the saturation ramp, 10 s of publishing at the \
        scenario's rate (3 s in quick runs), so the JVM servers measure compiled code.
        - **Runs.** Fan-out, many small channels and the reconnect storm: warm-up, then 3 runs, \
        the median of each figure reported (`runs.csv` has each run). Idle capacity, saturation \
        (a ramp) and slow consumer: one run.
        - **Memory.** Heap after a full GC (`jcmd GC.run` + `GC.heap_info` for the JVMs, \
        `global.gc()` + `heapUsed` for Node) and RSS from `/proc`, before and after opening the \
        connections; per-connection figures are the difference divided by the connections.
        - **CPU and system calls.** Server CPU is user + system time from `/proc/<pid>/stat` over         the timed phase (`server_cpu_ms_per_1k_deliveries`, `deliveries_per_cpu_s`).         `writes_per_delivery` counts the server's `write`, `writev`, `sendto`, `sendmsg` and         `sendmmsg` calls over the phase with `perf stat` on the kernel's syscall tracepoints         (NIO writes with `write`, epoll with `sendto`), the HTTP answers to publishes and event-loop         wake-ups included; it is left out where perf cannot count.
        """);
    md.append("- **Settings of this run.** `").append(meta.getProperty("settings")).append("`\n");
    if ("quick".equals(meta.getProperty("mode"))) {
      md.append(
          "- **Reduced scale.** This run used `--quick`: every scenario ran, at smoke-test scale"
              + " (the settings above), not at the issue's 5k/10k/18k connections and 10k"
              + " subscribers. `bench/run.sh` without `--quick` runs the full scale.\n");
    }
    double load = Double.parseDouble(meta.getProperty("load_before", "0").split(" ")[0]);
    if (load > 2) {
      md.append(
          "- **Shared machine.** Other builds and tests were running on both cores during this run"
              + " (load average above, against 2 cores), so the pinned server and generator got a"
              + " fraction of their CPU: absolute latencies and rates are far worse and noisier"
              + " than on an idle machine, and peers measured minutes apart saw different load."
              + " Read the ratios as indicative only.\n");
    }
    List<String> missing = new ArrayList<>();
    for (String scenario : meta.getProperty("scenarios", "").split(",")) {
      String done = meta.getProperty("done." + scenario, "");
      if (!scenario.isEmpty() && !done.equals(meta.getProperty("peers"))) {
        missing.add(scenario + (done.isEmpty() ? "" : " (only " + done + ")"));
      }
    }
    if (!missing.isEmpty()) {
      md.append("- **Not run: the run was stopped before** ")
          .append(String.join(", ", missing))
          .append(". `bench/run.sh --scenarios ")
          .append(String.join(",", missing.stream().map(m -> m.split(" ")[0]).toList()))
          .append("` runs them.\n");
    }
    List<String> failures = new ArrayList<>();
    for (String key : meta.stringPropertyNames()) {
      if (key.startsWith("failed.")) {
        failures.add("`" + key.substring(7) + "`: " + meta.getProperty(key));
      }
    }
    if (!failures.isEmpty()) {
      md.append("- **Failed in this run:** ").append(String.join("; ", failures)).append("\n");
    }
    md.append("\n");
    md.append(
        "Cells show the value and, in brackets, its ratio to Switchboard's. Lower is better for"
            + " latency, CPU and memory; higher for rates.\n\n");
  }

  private String loadOf(String key) {
    String v = meta.getProperty(key);
    if (v == null) {
      return "(not recorded)";
    }
    String[] f = v.split(" ");
    return f[0] + " / " + f[1] + " / " + f[2];
  }

  private static String cpu() throws IOException {
    String model = "?";
    int count = 0;
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        model = line.substring(line.indexOf(':') + 1).trim();
        count++;
      }
    }
    return count + " × " + model;
  }

  private static String memory() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB memory", kb / 1024.0 / 1024.0);
      }
    }
    return "?";
  }

  private static String xml(Path pom, String tag) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(tag) + ">([^<]+)<").matcher(Files.readString(pom));
    return m.find() ? m.group(1) : "?";
  }

  private static String parent(Path pom) throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)<")
            .matcher(Files.readString(pom));
    return m.find() ? m.group(1) : "?";
  }

  private static String json(Path packageJson) throws IOException {
    if (!Files.exists(packageJson)) {
      return "?";
    }
    Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(packageJson));
    return m.find() ? m.group(1) : "?";
  }
}

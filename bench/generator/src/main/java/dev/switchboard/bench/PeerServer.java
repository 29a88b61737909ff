package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PeerServer is one server under test, started as its own process pinned to the server core: how to
 * start it, its protocol, its channels, and its CPU and memory as the kernel and the JVM see them.
 */
final class PeerServer implements AutoCloseable {

  static final List<String> ALL = List.of("switchboard", "netty", "socketio", "stomp");

  /**
   * Switchboard built from an earlier commit ({@code bench/compare.sh} builds it), run beside the
   * current one with the same settings; its jar is {@code bench/results/baseline/switchboard.jar}.
   */
  static final String BASELINE = "baseline";
  static final String TOKEN = "bench-admin-token-0123456789";
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  final String name;
  final Protocol protocol;
  final int port;
  private final Process process;
  // Holds the server's data directory and, beside it, the benchmark project's directory (the server
  // refuses a project that overlaps its data directory); deleted when the server stops.
  private final Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> channels = new ArrayList<>();
  private String projectId;

  private PeerServer(String name, Protocol protocol, int port, Process process, Path dataDir) {
    this.name = name;
    this.protocol = protocol;
    this.port = port;
    this.process = process;
    this.dataDir = dataDir;
  }

  static String label(String name) {
    return switch (name) {
      case "switchboard" -> "Switchboard";
      case "netty" -> "raw Netty";
      case "socketio" -> "Socket.IO";
      case "stomp" -> "Spring STOMP";
      case BASELINE -> "Switchboard before";
      default -> name;
    };
  }

  /** The protocol a client of the named peer speaks. */
  static Protocol protocolOf(String name) {
    return switch (name) {
      case "switchboard", BASELINE -> new Switchboard(TOKEN);
      case "netty" -> new PlainJson();
      case "socketio" -> new SocketIo();
      case "stomp" -> new Stomp();
      default -> throw new IllegalArgumentException("unknown peer " + name + "; use one of " + ALL);
    };
  }

  static PeerServer start(String name, Path repo, String serverCpu, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of("taskset", "-c", serverCpu));
    Path dataDir = null;
    Protocol protocol = protocolOf(name);
    int port;
    ProcessBuilder builder = new ProcessBuilder();
    switch (name) {
      case "switchboard", BASELINE -> {
        port = 18080;
        dataDir = Files.createTempDirectory("switchboard-bench");
        command.addAll(javaCommand());
        Path serverJar =
            name.equals(BASELINE)
                ? repo.resolve("bench/results/baseline/switchboard.jar")
                : repo.resolve("server/target/switchboard.jar");
        command.addAll(List.of("-jar", serverJar.toString()));
        Map<String, String> env = builder.environment();
        env.put(
            "SWITCHBOARD_DATA_DIR", Files.createDirectory(dataDir.resolve("data")).toString());
        Files.createDirectory(dataDir.resolve("project"));
        env.put("SWITCHBOARD_TOKEN", TOKEN);
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        // Every client uses the admin token; the per-token cap (50 by default) is raised above the
        // largest scenario, the only setting that differs from the defaults.
        env.put("SWITCHBOARD_WS_MAX_CONNECTIONS_PER_TOKEN", "100000");
      }
      case "netty" -> {
        port = 18090;
        command.addAll(javaCommand());
        command.addAll(List.of("-jar", repo.resolve("bench/peers/netty/target/peer-netty.jar").toString(), String.valueOf(port)));
      }
      case "socketio" -> {
        port = 18091;
        command.addAll(List.of("node", "--expose-gc", repo.resolve("bench/peers/socketio/server.js").toString(), String.valueOf(port)));
      }
      case "stomp" -> {
        port = 18092;
        command.addAll(javaCommand());
        command.addAll(List.of("-jar", repo.resolve("bench/peers/spring-stomp/target/peer-spring-stomp.jar").toString(), "--server.port=" + port));
      }
      default -> throw new IllegalStateException(name);
    }
    Files.createDirectories(log.getParent());
    Process process =
        builder.command(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PeerServer server = new PeerServer(name, protocol, port, process, dataDir);
    server.awaitHealthy(Duration.ofSeconds(90));
    return server;
  }

  /**
   * {@code java -Xmx2g} plus the options in {@code BENCH_SERVER_JAVA_OPTS}, for profiling a run
   * (e.g. {@code -XX:StartFlightRecording=settings=profile,filename=/tmp/server.jfr}).
   */
  private static List<String> javaCommand() {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
    String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    return command;
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    HttpRequest health = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build();
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting");
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not answer /health within " + timeout);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /**
   * The first {@code count} channel names. Switchboard's session channels must name existing
   * sessions, so they are created over REST (and kept for the server's lifetime).
   */
  List<String> channels(int count) throws Exception {
    while (channels.size() < count) {
      if (!protocol.getClass().equals(Switchboard.class)) {
        channels.add("room-" + channels.size());
        continue;
      }
      if (projectId == null) {
        projectId = idOf(post("/api/projects", "{\"name\":\"bench\",\"path\":\"" + dataDir.resolve("project") + "\"}").join());
      }
      int batch = Math.min(64, count - channels.size());
      List<CompletableFuture<String>> created = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        created.add(post("/api/projects/" + projectId + "/sessions", "{\"title\":\"bench\"}"));
      }
      for (CompletableFuture<String> body : created) {
        channels.add("session:" + idOf(body.join()));
      }
    }
    return channels.subList(0, count);
  }

  private CompletableFuture<String> post(String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
              }
              return response.body();
            });
  }

  private static String idOf(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  /** CPU time (user + system) the server process has used, in seconds. */
  double cpuSeconds() throws IOException {
    double[] times = cpuTimes();
    return times[0] + times[1];
  }

  /**
   * CPU time the server process has used, in seconds: {@code [user, system]}. On loopback the
   * system share includes the receiving side's TCP processing, which the sender's CPU does.
   */
  double[] cpuTimes() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    return new double[] {Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0};
  }

  /** The system calls that hand bytes to a socket: NIO uses write/writev, epoll sendto/sendmsg. */
  private static final String WRITE_CALLS =
      "syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_sendto,"
          + "syscalls:sys_enter_sendmsg,syscalls:sys_enter_sendmmsg";

  /**
   * Starts counting the server's write system calls with {@code perf stat} on the kernel's syscall
   * tracepoints (every thread the process has when it starts; the event loops are all up after the
   * warm-up); {@link WriteCount#stop} returns the count. Null when perf cannot count here (not
   * installed, or tracepoints not allowed): the figure is then left out. {@code /proc/<pid>/io}'s
   * {@code syscw} would be simpler but misses {@code sendto}, which Netty's epoll transport uses.
   */
  WriteCount countWrites() throws IOException {
    Path out = Files.createTempFile("perf-writes", ".csv");
    Process perf;
    try {
      perf =
          new ProcessBuilder(
                  "perf", "stat", "-x", ",", "-e", WRITE_CALLS, "-p", String.valueOf(pid()),
                  "-o", out.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return null;
    }
    return new WriteCount(perf, out);
  }

  /** A running {@code perf stat} over the server's write system calls. */
  record WriteCount(Process perf, Path out) {

    /** Stops perf and returns the calls it counted, or -1 when it could not count them. */
    long stop() throws Exception {
      if (!perf.isAlive()) {
        return -1;
      }
      run("kill", "-INT", String.valueOf(perf.pid()));
      perf.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      long total = 0;
      boolean counted = false;
      for (String line : Files.readAllLines(out)) {
        String[] fields = line.split(",");
        if (fields.length > 2 && fields[2].startsWith("syscalls:") && fields[0].matches("\\d+")) {
          total += Long.parseLong(fields[0]);
          counted = true;
        }
      }
      Files.deleteIfExists(out);
      return counted ? total : -1;
    }
  }

  /** Resident set size in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Heap in use right after a full collection, in bytes (JVM: jcmd; Node: --expose-gc). */
  long heapAfterGcBytes() throws Exception {
    if (name.equals("socketio")) {
      String body = http.send(HttpRequest.newBuilder(uri("/memory")).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"heapUsed\":(\\d+)").matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
    run("jcmd", String.valueOf(pid()), "GC.run");
    long used = 0;
    for (String line : run("jcmd", String.valueOf(pid()), "GC.heap_info").split("\n")) {
      Matcher m = USED.matcher(line);
      if (line.contains("total") && m.find()) {
        used += Long.parseLong(m.group(1)) * 1024;
      }
    }
    return used;
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

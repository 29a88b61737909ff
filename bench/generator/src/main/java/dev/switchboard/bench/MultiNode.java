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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * MultiNode is the several-nodes scenario ({@code bench/multinode.sh}): two Switchboard nodes share
 * one deployment through Redis, every publish goes through node A, and the subscribers are split
 * evenly over A and B, so half the deliveries cross nodes. The same load runs, side by side in one
 * run, against one node with the in-memory broker (all subscribers on it: the single-node fan-out),
 * two nodes on a standalone Redis, and two nodes on a Redis Cluster of three masters. It reports
 * delivery latency on A (local) and on B (cross-node), deliveries per server CPU-second (both nodes'
 * CPU, user + system, from {@code /proc}), and the Redis processes' CPU per thousand publishes and
 * per thousand deliveries (over what the Redis processes spend idle, measured for 10 s before).
 *
 * <p>Latency is measured per node in alternating phases of the same load: in A's only A's clients
 * are timed, in B's only B's (the others still receive every event, so the servers carry the same
 * work in both); each runs twice for half of {@code --seconds}, after 15 s of warm-up. Each node runs on the server CPU; the generator and Redis on the other.
 *
 * <pre>
 * java -cp bench.jar dev.switchboard.bench.MultiNode --db JDBC_URL --server-cpu 0
 *     --standalone redis://... --standalone-pids PID --cluster redis://a,redis://b,... --cluster-pids P,...
 *     [--subscribers 1000] [--channels 30] [--rate 200] [--seconds 20]
 * </pre>
 */
final class MultiNode {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private MultiNode() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    Path repo = Path.of(".").toAbsolutePath().normalize();
    int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "1000"));
    int channels = Integer.parseInt(options.getOrDefault("channels", "30"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    String db = required(options, "db");
    String cpu = options.getOrDefault("server-cpu", "0");
    System.out.printf(
        "%d subscribers over %d channels, %d publishes/s through node A for %d s per phase%n",
        subscribers, channels, rate, seconds);

    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(run("one node, in-memory broker", repo, cpu, db, "memory", null, null, List.of(),
        List.of(), subscribers, channels, rate, seconds));
    List<Long> standalone = pids(required(options, "standalone-pids"));
    rows.add(run("two nodes, standalone Redis", repo, cpu, db, "redis", "standalone",
        required(options, "standalone"), standalone, standalone,
        subscribers, channels, rate, seconds));
    rows.add(run("two nodes, Redis Cluster (3 masters + 3 replicas)", repo, cpu, db, "redis",
        "cluster", required(options, "cluster"), pids(required(options, "cluster-master-pids")),
        pids(required(options, "cluster-pids")), subscribers, channels, rate, seconds));

    System.out.println();
    // In the one-node row, "B" is the second half of the subscribers, on the same node.
    System.out.println(
        "| setup | p50 / p99 on A (ms) | p50 / p99 on B, cross-node (ms) | lost | deliveries/s"
            + " | deliveries per server CPU-s | Redis CPU-s per 1k publishes (masters / all)"
            + " | Redis CPU-s per 1k deliveries |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map<String, String> row : rows) {
      System.out.println("| " + String.join(" | ", row.values()) + " |");
    }
    System.exit(0); // the fleets' event loops are not daemon threads
  }

  private static Map<String, String> run(
      String label, Path repo, String cpu, String db, String broker, String mode, String redisUrl,
      List<Long> masterPids, List<Long> redisPids, int subscribers, int channelCount, int rate,
      int seconds)
      throws Exception {
    System.out.printf("== %s%n", label);
    boolean twoNodes = !broker.equals("memory");
    String prefix = "bench-" + Long.toString(System.nanoTime(), 36);
    List<Node> nodes = new ArrayList<>();
    try {
      nodes.add(Node.start(repo, cpu, 18180, db, broker, mode, redisUrl, prefix));
      if (twoNodes) {
        nodes.add(Node.start(repo, cpu, 18181, db, broker, mode, redisUrl, prefix));
      }
      Node a = nodes.get(0);
      Node b = nodes.get(nodes.size() - 1);
      List<String> channels = a.sessions(channelCount);
      Switchboard protocol = new Switchboard(PeerServer.TOKEN);
      try (Fleet onA = new Fleet(protocol, a.port, 500);
          Fleet onB = new Fleet(protocol, b.port, 500)) {
        int[][] perChannel = new int[2][channelCount];
        for (int i = 0; i < subscribers; i++) {
          int channel = (i / 2) % channelCount;
          (i % 2 == 0 ? onA : onB).add(channels.get(channel));
          perChannel[i % 2][channel]++;
        }
        onA.connect(onA.clients, 120_000);
        onB.connect(onB.clients, 120_000);
        if (onA.subscribedCount.get() + onB.subscribedCount.get() < subscribers) {
          throw new IllegalStateException("only " + (onA.subscribedCount.get() + onB.subscribedCount.get())
              + " of " + subscribers + " clients subscribed");
        }
        onA.startHeartbeats();
        onB.startHeartbeats();
        Publisher publisher = new Publisher(protocol, a.port, Settings.PAYLOAD_BYTES);
        warmUp(onA, onB, publisher, channels, perChannel, rate);

        // What Redis spends with no load at all (replication pings, the cluster bus), per second:
        // subtracted from what it spends under load, so the figures are per publish.
        double idle0 = redisCpuSeconds(redisPids);
        double mastersIdle0 = redisCpuSeconds(masterPids);
        long idleStart = System.nanoTime();
        Thread.sleep(twoNodes ? 10_000 : 0);
        double idleSeconds = Math.max(1e-9, (System.nanoTime() - idleStart) / 1e9);
        double idlePerSecond = (redisCpuSeconds(redisPids) - idle0) / idleSeconds;
        double mastersIdlePerSecond = (redisCpuSeconds(masterPids) - mastersIdle0) / idleSeconds;
        double nodeCpu0 = nodes.stream().mapToDouble(Node::cpuSeconds).sum();
        double redisCpu0 = redisCpuSeconds(redisPids);
        double mastersCpu0 = redisCpuSeconds(masterPids);
        long outside0 = onA.eventsOutsidePhase.sum() + onB.eventsOutsidePhase.sum();
        long t0 = System.nanoTime();
        // A's and B's phases alternate, twice each, so neither gets all of a slow stretch of the
        // shared machine.
        List<Phase> locals = new ArrayList<>();
        List<Phase> crosses = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
          locals.add(phase(onA, onB, publisher, channels, perChannel[0], rate, seconds / 2));
          crosses.add(phase(onB, onA, publisher, channels, perChannel[1], rate, seconds / 2));
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double nodeCpu = nodes.stream().mapToDouble(Node::cpuSeconds).sum() - nodeCpu0;
        double redisCpu = redisCpuSeconds(redisPids) - redisCpu0 - idlePerSecond * elapsed;
        double mastersCpu =
            redisCpuSeconds(masterPids) - mastersCpu0 - mastersIdlePerSecond * elapsed;
        long deliveries = onA.eventsOutsidePhase.sum() + onB.eventsOutsidePhase.sum() - outside0;
        long publishes = 0;
        long lost = 0;
        Histogram l = new Histogram(3_600_000_000L, 3);
        Histogram c = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < locals.size(); i++) {
          for (Phase phase : List.of(locals.get(i), crosses.get(i))) {
            deliveries += phase.receivedTotal();
            publishes += phase.issued.get();
            lost += phase.lost();
          }
          l.add(locals.get(i).latency());
          c.add(crosses.get(i).latency());
        }

        Map<String, String> row = new LinkedHashMap<>();
        row.put("setup", label);
        row.put("onA", ms(l.getValueAtPercentile(50)) + " / " + ms(l.getValueAtPercentile(99)));
        row.put("onB", ms(c.getValueAtPercentile(50)) + " / " + ms(c.getValueAtPercentile(99)));
        row.put("lost", Long.toString(lost));
        row.put("rate", String.format(Locale.ROOT, "%,.0f", deliveries / elapsed));
        row.put("perCpu", String.format(Locale.ROOT, "%,.0f", deliveries / Math.max(1e-9, nodeCpu)));
        row.put("redisPerPublish", twoNodes
            ? String.format(Locale.ROOT, "%.3f / %.3f", mastersCpu / publishes * 1000,
                redisCpu / publishes * 1000) : "n/a");
        row.put("redisPerDelivery", twoNodes
            ? String.format(Locale.ROOT, "%.5f", redisCpu / deliveries * 1000) : "n/a");
        System.out.printf(
            "  %d publishes, %d deliveries in %.1f s; nodes %.2f CPU-s, Redis %.2f CPU-s over its"
                + " idle %.3f CPU-s/s; %s%n",
            publishes, deliveries, elapsed, nodeCpu, redisCpu, idlePerSecond, row);
        return row;
      }
    } finally {
      for (Node node : nodes) {
        node.close();
      }
    }
  }

  /** One measured phase: the load goes to every client, only {@code timed}'s are timed. */
  private static Phase phase(
      Fleet timed, Fleet other, Publisher publisher, List<String> channels, int[] timedPerChannel,
      int rate, int seconds) throws InterruptedException {
    Phase phase = new Phase(rate * seconds);
    other.phase(null);
    timed.phase(phase);
    publisher.run(phase, rate, phase.capacity,
        i -> new Publisher.Target(channels.get(i % channels.size()), timedPerChannel[i % channels.size()]));
    Publisher.drain(phase, 3_000, 60_000);
    timed.phase(null);
    return phase;
  }

  /** Publishes round the channels until every client of both fleets has received an event. */
  private static void warmUp(
      Fleet onA, Fleet onB, Publisher publisher, List<String> channels, int[][] perChannel,
      int rate) throws InterruptedException {
    Phase phase = new Phase(1_000_000);
    onA.phase(phase);
    onB.phase(phase);
    long start = System.currentTimeMillis();
    int i = 0;
    int everyone = onA.subscribedCount.get() + onB.subscribedCount.get();
    while (System.currentTimeMillis() - start < 60_000) {
      int channel = i++ % channels.size();
      publisher.send(phase, new Publisher.Target(channels.get(channel),
          perChannel[0][channel] + perChannel[1][channel]), Clock.nanos());
      Thread.sleep(Math.max(1, 1000 / rate));
      if (phase.clientsSeen.sum() >= everyone && System.currentTimeMillis() - start >= 15_000) {
        break;
      }
    }
    Publisher.drain(phase, 1_000, 10_000);
    onA.phase(null);
    onB.phase(null);
  }

  private static double redisCpuSeconds(List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      total += Node.cpuOf(pid);
    }
    return total;
  }

  private static List<Long> pids(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Long::parseLong).toList();
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required (see bench/multinode.sh)");
    }
    return value;
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  /** One Switchboard node as its own process on the server CPU. */
  private record Node(Process process, int port, Path dir) implements AutoCloseable {

    static Node start(
        Path repo, String cpu, int port, String db, String broker, String mode, String redisUrl,
        String prefix) throws Exception {
      Path dir = Files.createTempDirectory("switchboard-multinode");
      ProcessBuilder builder =
          new ProcessBuilder(
              "taskset", "-c", cpu, "java", "-Xmx1g", "-jar",
              repo.resolve("server/target/switchboard.jar").toString());
      Map<String, String> env = builder.environment();
      env.put("SWITCHBOARD_DATA_DIR", Files.createDirectory(dir.resolve("data")).toString());
      Files.createDirectory(dir.resolve("project"));
      env.put("SWITCHBOARD_TOKEN", PeerServer.TOKEN);
      env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
      env.put("SWITCHBOARD_WS_MAX_CONNECTIONS_PER_TOKEN", "100000");
      env.put("SWITCHBOARD_DB_URL", db);
      env.put("SWITCHBOARD_DB_USERNAME", "postgres");
      env.put("SWITCHBOARD_BROKER", broker);
      if (redisUrl != null) {
        env.put("SWITCHBOARD_REDIS_URL", redisUrl);
        env.put("SWITCHBOARD_REDIS_MODE", mode);
        env.put("SWITCHBOARD_REDIS_KEY_PREFIX", prefix);
      }
      Process process =
          builder.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
      Node node = new Node(process, port, dir);
      long deadline = System.currentTimeMillis() + 90_000;
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("node on " + port + " exited: " + Files.readString(dir.resolve("server.log")));
        }
        try {
          if (HTTP.send(HttpRequest.newBuilder(node.uri("/health")).build(),
                  HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return node;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("node on " + port + " did not start within 90 s");
        }
        Thread.sleep(200);
      }
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Creates a project and {@code count} sessions (in the shared database): their channels. */
    List<String> sessions(int count) throws Exception {
      String project = idOf(post("/api/projects",
          "{\"name\":\"bench\",\"path\":\"" + dir.resolve("project") + "\"}"));
      List<String> channels = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        channels.add("session:" + idOf(post("/api/projects/" + project + "/sessions", "{\"title\":\"bench\"}")));
      }
      return channels;
    }

    private String post(String path, String body) throws Exception {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri(path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + PeerServer.TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    }

    double cpuSeconds() {
      return cpuOf(process.pid());
    }

    /** User + system CPU seconds of a process, from {@code /proc/<pid>/stat}. */
    static double cpuOf(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String idOf(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }
}

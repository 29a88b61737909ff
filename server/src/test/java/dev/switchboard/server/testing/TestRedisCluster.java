package dev.switchboard.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * TestRedisCluster is a Redis Cluster of three masters with one replica each, started by the test
 * from Debian's {@code redis-server} (7.0 or later, for sharded pub/sub) on free loopback ports,
 * its files in a temporary directory, without persistence. {@link #start} returns once every node
 * reports {@code cluster_state:ok}, knows all six nodes, and every replica's link to its master is
 * up, so a failover test loses only what it means to lose.
 *
 * <p>Nodes declare a master failed after {@link #NODE_TIMEOUT_MS}; {@link #kill} sends SIGKILL.
 * Every process is killed on {@link #close} and, should a test forget, when the JVM exits.
 */
public final class TestRedisCluster implements AutoCloseable {

  /** How long a master may be silent before the cluster fails it over. */
  public static final int NODE_TIMEOUT_MS = 1000;

  private static final String SERVER = "redis-server";
  private static TestRedisCluster shared;

  private final Path dir;
  private final Map<Integer, Process> nodes = new LinkedHashMap<>();
  private final Map<Integer, StatefulRedisConnection<String, String>> admin =
      new ConcurrentHashMap<>();
  private final RedisClient adminClient = RedisClient.create();

  private TestRedisCluster(Path dir) {
    this.dir = dir;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** Skips the calling test, saying why, where {@code redis-server} cannot be run. */
  public static void assumeAvailable() {
    assumeTrue(
        onPath(SERVER) && onPath("redis-cli"),
        "Redis Cluster tests need redis-server and redis-cli 7+ on the PATH (Debian: apt-get"
            + " install redis-server redis-tools); skipped");
  }

  /** One cluster for the whole JVM, started on first use (for tests that never kill a node). */
  public static synchronized TestRedisCluster shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Starts a cluster of its own: three masters, three replicas. */
  public static TestRedisCluster start() {
    assumeAvailable();
    try {
      TestRedisCluster cluster = new TestRedisCluster(Files.createTempDirectory("redis-cluster"));
      cluster.launch();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The masters' URLs, the seeds a client starts from. */
  public List<String> seeds() {
    return masters().stream().map(port -> "redis://127.0.0.1:" + port).toList();
  }

  /** The ports of the nodes that are masters now. */
  public List<Integer> masters() {
    return alive().stream().filter(port -> role(port).equals("master")).toList();
  }

  /** The port of the master serving the slot of {@code key}. */
  public int masterOf(String key) {
    int slot = SlotHash.getSlot(key);
    for (int port : masters()) {
      for (Object range : command(port, c -> c.sync().clusterSlots())) {
        List<?> r = (List<?>) range;
        if (slot >= (Long) r.get(0) && slot <= (Long) r.get(1)) {
          return ((Long) ((List<?>) r.get(2)).get(1)).intValue();
        }
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** How many clients subscribe to the sharded channel on the master owning its slot. */
  public long shardSubscribers(String channel) {
    Long count = command(masterOf(channel), c -> c.sync().pubsubShardNumsub(channel)).get(channel);
    return count == null ? 0 : count;
  }

  /** The port of a replica of the master on {@code masterPort}. */
  public int replicaOf(int masterPort) {
    for (int port : alive()) {
      String replication = info(port, "replication");
      if (replication.contains("role:slave") && replication.contains("master_port:" + masterPort)) {
        return port;
      }
    }
    throw new IllegalStateException("no replica of " + masterPort);
  }

  /** Stops the node with SIGSTOP: it keeps its sockets but reads nothing until {@link #resume}. */
  public void pause(int port) {
    signal(port, "STOP");
  }

  /** Lets a node stopped by {@link #pause} run again (SIGCONT). */
  public void resume(int port) {
    signal(port, "CONT");
  }

  private void signal(int port, String signal) {
    Process process = nodes.get(port);
    if (process == null) {
      throw new IllegalArgumentException("no running node on port " + port);
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the node with SIGKILL, as a crash would. */
  public void kill(int port) {
    Process process = nodes.remove(port);
    if (process == null) {
      throw new IllegalArgumentException("no running node on port " + port);
    }
    process.destroyForcibly();
    StatefulRedisConnection<String, String> connection = admin.remove(port);
    if (connection != null) {
      connection.closeAsync();
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every live node says the cluster is ok again (after a failover, say). */
  public void awaitHealthy(Duration within) {
    awaitAll(within, port -> clusterInfo(port).contains("cluster_state:ok"), "cluster_state:ok");
  }

  /** Kills every node and deletes the cluster's files. */
  @Override
  public synchronized void close() {
    nodes.values().forEach(Process::destroyForcibly);
    nodes.clear();
    admin.clear();
    adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temporary directory
    }
  }

  private void launch() throws IOException {
    List<Integer> ports = freePorts(6);
    for (int port : ports) {
      Process process =
          new ProcessBuilder(
                  SERVER,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--protected-mode",
                  "no",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  dir.resolve("nodes-" + port + ".conf").toString(),
                  "--cluster-node-timeout",
                  Integer.toString(NODE_TIMEOUT_MS),
                  "--cluster-replica-validity-factor",
                  "0",
                  // Masters that are up keep serving their slots while another fails over, as
                  // docs/websockets.md advises for deployments.
                  "--cluster-require-full-coverage",
                  "no",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--repl-diskless-sync",
                  "yes",
                  "--repl-diskless-sync-delay",
                  "0",
                  "--dir",
                  dir.toString(),
                  "--logfile",
                  dir.resolve("redis-" + port + ".log").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout-" + port + ".log").toFile())
              .start();
      nodes.put(port, process);
    }
    awaitAll(Duration.ofSeconds(10), port -> ping(port), "PONG");
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(port -> create.add("127.0.0.1:" + port));
    create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    Process creating =
        new ProcessBuilder(create)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("create.log").toFile())
            .start();
    try {
      if (!creating.waitFor(60, TimeUnit.SECONDS) || creating.exitValue() != 0) {
        throw new IllegalStateException(
            "redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Duration within = Duration.ofSeconds(30);
    try {
      awaitAll(within, port -> clusterInfo(port).contains("cluster_known_nodes:6"), "6 nodes");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          e.getMessage()
              + "; "
              + clusterInfo(ports.get(0))
              + "; redis-cli said: "
              + Files.readString(dir.resolve("create.log")),
          e);
    }
    awaitHealthy(within);
    awaitAll(
        within,
        port ->
            role(port).equals("master")
                || info(port, "replication").contains("master_link_status:up"),
        "replica links up");
    if (masters().size() != 3) {
      throw new IllegalStateException("expected 3 masters, found " + masters());
    }
  }

  private List<Integer> alive() {
    return nodes.entrySet().stream()
        .filter(e -> e.getValue().isAlive())
        .map(Map.Entry::getKey)
        .toList();
  }

  private void awaitAll(Duration within, Predicate<Integer> ready, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<String> waiting = new ArrayList<>();
      for (int port : alive()) {
        try {
          if (!ready.test(port)) {
            waiting.add(Integer.toString(port));
          }
        } catch (RuntimeException e) {
          waiting.add(port + " (" + e + ")");
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Redis nodes " + waiting + " not ready (" + what + ")");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private boolean ping(int port) {
    return "PONG".equals(command(port, c -> c.sync().ping()));
  }

  private String role(int port) {
    return (String) command(port, c -> c.sync().role()).get(0);
  }

  private String clusterInfo(int port) {
    return command(port, c -> c.sync().clusterInfo());
  }

  private String info(int port, String section) {
    return command(port, c -> c.sync().info(section));
  }

  private <T> T command(
      int port, java.util.function.Function<StatefulRedisConnection<String, String>, T> call) {
    StatefulRedisConnection<String, String> connection =
        admin.computeIfAbsent(
            port,
            p -> {
              RedisURI uri = RedisURI.create("127.0.0.1", p);
              uri.setTimeout(Duration.ofSeconds(2));
              return adminClient.connect(uri);
            });
    try {
      return call.apply(connection);
    } catch (RuntimeException e) {
      admin.remove(port, connection);
      connection.closeAsync();
      throw e;
    }
  }

  /** Ports free on loopback whose cluster bus port (+10000) is free too. */
  private static List<Integer> freePorts(int count) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < count) {
      // Below the kernel's ephemeral range (32768+), bus ports included, so that no client
      // connection of a test running meanwhile can take one between the probe and the bind.
      int port = ThreadLocalRandom.current().nextInt(11000, 22000);
      if (!ports.contains(port) && free(port) && free(port + 10000)) {
        ports.add(port);
      }
    }
    return ports;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}

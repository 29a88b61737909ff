package dev.switchboard.server.sandbox;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * SandboxLatencyBenchmark measures what the sandbox adds to a reply's start: the time from sending
 * {@code send_message} to receiving the first {@code stream_output}, for {@code echo} on the
 * default agent, on two servers side by side in one JVM, one with the bubblewrap sandbox and one
 * without, their messages interleaved so both see the same machine.
 *
 * <p>Run: {@code ./bench/sandbox.sh} (not part of the test suite).
 */
public final class SandboxLatencyBenchmark {

  private static final String TOKEN = "sb_sandbox-latency-benchmark";
  private static final int WARM_UP = 10;
  private static final int ROUNDS = 100;

  private SandboxLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    try {
      run();
    } finally {
      // Micronaut's non-daemon threads would keep the JVM alive after a failure.
      System.exit(0);
    }
  }

  private static void run() throws Exception {
    Path root = Files.createTempDirectory("sandbox-benchmark");
    try (Server sandboxed = Server.start(root.resolve("sandboxed"), "bwrap");
        Server unconfined = Server.start(root.resolve("unconfined"), "off")) {
      for (int i = 0; i < WARM_UP; i++) {
        sandboxed.firstOutputMs();
        unconfined.firstOutputMs();
      }
      double[] withSandbox = new double[ROUNDS];
      double[] without = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        withSandbox[i] = sandboxed.firstOutputMs();
        without[i] = unconfined.firstOutputMs();
      }
      System.out.printf(
          "send_message -> first stream_output, %d replies each, interleaved (ms)%n", ROUNDS);
      print("bubblewrap sandbox", withSandbox);
      print("no sandbox", without);
      System.out.printf(
          "sandbox adds %.1f ms at the median (%.2fx)%n",
          percentile(withSandbox, 50) - percentile(without, 50),
          percentile(withSandbox, 50) / percentile(without, 50));
    }
  }

  private static void print(String name, double[] samples) {
    System.out.printf(
        "  %-20s median %6.1f   p90 %6.1f   p99 %6.1f   max %6.1f%n",
        name,
        percentile(samples, 50),
        percentile(samples, 90),
        percentile(samples, 99),
        Arrays.stream(samples).max().orElse(0));
  }

  private static double percentile(double[] samples, int percentile) {
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
  }

  /** One server with its own data dir, a session, and a socket subscribed to it. */
  private record Server(
      ApplicationContext context, TestSocket socket, String sessionId, ApiClient api)
      implements AutoCloseable {

    static Server start(Path dataDir, String sandboxMode) throws Exception {
      Path project = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-p"));
      ApplicationContext context =
          ApplicationContext.run(
                  EmbeddedServer.class,
                  Map.of(
                      "micronaut.server.port",
                      -1,
                      "switchboard.data-dir",
                      dataDir.toString(),
                      "switchboard.token",
                      TOKEN,
                      "switchboard.sandbox.mode",
                      sandboxMode))
              .getApplicationContext();
      int port = context.getBean(EmbeddedServer.class).getPort();
      JsonMapper mapper = context.getBean(JsonMapper.class);
      ApiClient api = new ApiClient(port, mapper);
      String projectId =
          api.json(
                  api.send(
                      "POST",
                      "/api/projects",
                      "{\"name\":\"bench\",\"path\":" + api.quote(project.toString()) + "}",
                      TOKEN))
              .get("id")
              .getStringValue();
      String sessionId =
          api.json(api.send("POST", "/api/projects/" + projectId + "/sessions", null, TOKEN))
              .get("id")
              .getStringValue();
      TestSocket socket = TestSocket.connect(port, TOKEN, mapper);
      socket.send(Frames.subscribe(Channels.session(sessionId), "sub"));
      socket.awaitType("subscription_success");
      return new Server(context, socket, sessionId, api);
    }

    /** Sends {@code echo}, returns ms until its first output, and waits for its end. */
    double firstOutputMs() {
      long sent = System.nanoTime();
      socket.send(
          "{\"channel\":\""
              + Channels.session(sessionId)
              + "\",\"type\":\"send_message\",\"data\":{\"text\":\"echo hello\","
              + "\"clientMessageId\":\"b\"}}");
      socket.awaitType("stream_output");
      double ms = (System.nanoTime() - sent) / 1e6;
      JsonNode complete = socket.awaitType("message_complete");
      if (!"completed".equals(complete.get("data").get("status").getStringValue())) {
        throw new IllegalStateException("the reply did not complete: " + complete);
      }
      return ms;
    }

    @Override
    public void close() {
      socket.close();
      context.close();
    }
  }
}

package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.testing.ChildServer;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TestPostgres;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A node of a two-node deployment (one Redis, one PostgreSQL) gets SIGTERM while its clients follow
 * a channel whose events keep flowing through the other node: readiness goes down and upgrades are
 * refused at once, the clients are closed one by one, each told when to come back, and come back on
 * the other node spread over the drain, with every event, none twice.
 */
@RequiresService({TestService.REDIS, TestService.POSTGRES})
class ServerDrainIT {

  private static final String ADMIN_TOKEN = "sb_server-drain-it-admin";
  private static final String CHANNEL = "session:drain";
  private static final int CLIENTS = 20;
  private static final int RECONNECTS_PER_SECOND = 10;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What one client saw: its offsets in order, and when it reconnected (ms after the drain). */
  private record Client(List<Long> offsets, long reconnectedAtMs) {}

  @Test
  void clientsMoveToTheOtherNodeSpreadOverTheDrainWithEveryEventOnce() throws Exception {
    String prefix = TestRedis.uniquePrefix("drain");
    String schema = "switchboard_drain_it_" + System.nanoTime();
    ChildServer a =
        ChildServer.start(
            Files.createTempDirectory("switchboard-drain-a"), properties(prefix, schema));
    EmbeddedServer b =
        ApplicationContext.run(
            EmbeddedServer.class,
            withPort(properties(prefix, schema), Files.createTempDirectory("switchboard-drain-b")));
    JsonMapper mapper = b.getApplicationContext().getBean(JsonMapper.class);
    AtomicBoolean publishing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      List<TestSocket> onA = new ArrayList<>();
      String epoch = null;
      for (int i = 0; i < CLIENTS; i++) {
        TestSocket socket = TestSocket.connect(a.port(), ADMIN_TOKEN, mapper);
        socket.send(Frames.subscribeSince(CHANNEL, null, 0));
        epoch = socket.awaitType("subscription_success").get("data").get("epoch").getStringValue();
        onA.add(socket);
      }
      String streamEpoch = epoch;
      CompletableFuture<Integer> published =
          CompletableFuture.supplyAsync(() -> publishWhile(b, publishing), threads);
      Thread.sleep(300);

      long drainStart = System.nanoTime();
      CompletableFuture<Process> stopped = a.terminate();
      assertEquals(503, await503(a.port(), "/health/readiness"));
      HttpResponse<String> upgrade = upgradeTo(a);
      assertEquals(503, upgrade.statusCode(), upgrade.body());
      assertTrue(upgrade.headers().firstValue("Retry-After").isPresent());

      List<CompletableFuture<Client>> clients = new ArrayList<>();
      for (TestSocket socket : onA) {
        clients.add(
            CompletableFuture.supplyAsync(
                () -> follow(socket, streamEpoch, b, mapper, drainStart), threads));
      }
      assertEquals(0, stopped.get(30, TimeUnit.SECONDS).exitValue(), a.log());
      Thread.sleep(500);
      publishing.set(false);
      int events = published.get(30, TimeUnit.SECONDS);

      List<Long> reconnects = new ArrayList<>();
      for (CompletableFuture<Client> future : clients) {
        Client client = future.get(30, TimeUnit.SECONDS);
        reconnects.add(client.reconnectedAtMs());
        List<Long> expected = new ArrayList<>();
        for (long offset = 1; offset <= events; offset++) {
          expected.add(offset);
        }
        assertEquals(expected, client.offsets(), "every event, in order, none twice");
      }
      // 20 clients at 10 reconnects/s: spread over about 2 s, not all at once.
      long first = reconnects.stream().min(Long::compare).orElseThrow();
      long last = reconnects.stream().max(Long::compare).orElseThrow();
      assertTrue(last - first >= 1_000, "reconnects spread over " + (last - first) + " ms");
      assertTrue(last < 4_000, "the last client came back " + last + " ms after the drain began");
      long[] perHalfSecond = new long[10];
      reconnects.forEach(at -> perHalfSecond[(int) Math.min(9, at / 500)]++);
      for (long count : perHalfSecond) {
        assertTrue(count <= 10, "reconnects bunched up: " + reconnects);
      }
    } finally {
      publishing.set(false);
      threads.shutdownNow();
      a.close();
      b.getApplicationContext().close();
      TestRedis.deleteKeys(prefix);
      TestPostgres.dropSchemas(List.of(schema));
    }
  }

  /** Reads until the drain closes the socket, waits as told, resumes on node B, then to the end. */
  private static Client follow(
      TestSocket socket, String epoch, EmbeddedServer b, JsonMapper mapper, long t0) {
    List<Long> offsets = new ArrayList<>();
    long retryAfterMs = -1;
    try {
      while (true) {
        JsonNode frame = socket.poll(Duration.ofMillis(100));
        if (frame == null) {
          if (socket.closed().isDone()) {
            break;
          }
          continue;
        }
        String type = frame.get("type").getStringValue();
        if (type.equals("draining")) {
          retryAfterMs = frame.get("data").get("retryAfterMs").getLongValue();
        } else if (frame.get("offset") != null) {
          offsets.add(frame.get("offset").getLongValue());
        }
      }
      assertEquals(CloseCode.SERVER_DRAINING.code(), socket.closed().get());
      assertTrue(retryAfterMs >= 0, "a draining event came before the close");
      Thread.sleep(retryAfterMs);
      long reconnectedAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      try (TestSocket resumed = TestSocket.connect(b.getPort(), ADMIN_TOKEN, mapper)) {
        long since = offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1);
        resumed.send(Frames.subscribeSince(CHANNEL, epoch, since));
        JsonNode success = resumed.awaitType("subscription_success");
        assertTrue(
            success.get("data").get("recovered").getBooleanValue(),
            resumed.text(success) + " after " + epoch + "@" + since);
        JsonNode frame;
        while ((frame = resumed.poll(Duration.ofSeconds(3))) != null) {
          if (frame.get("offset") != null
              && frame.get("channel").getStringValue().equals(CHANNEL)) {
            offsets.add(frame.get("offset").getLongValue());
          }
        }
      }
      return new Client(offsets, reconnectedAt);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Publishes an event every 20 ms through node B until told to stop; returns how many. */
  private static int publishWhile(EmbeddedServer b, AtomicBoolean publishing) {
    int count = 0;
    try {
      while (publishing.get()) {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + b.getPort()
                                + "/api/channels/"
                                + CHANNEL
                                + "/events"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m\",\"seq\":"
                                + count
                                + ",\"chunk\":\"x\",\"stream\":\"stdout\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        count++;
        Thread.sleep(20);
      }
      return count;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int await503(int port, String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int status = 0;
    while (System.nanoTime() < deadline) {
      status =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status == 503) {
        return status;
      }
      Thread.sleep(10);
    }
    return status;
  }

  private static HttpResponse<String> upgradeTo(ChildServer node) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/ws"))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> properties(String prefix, String schema) {
    Map<String, String> properties = new HashMap<>();
    properties.put("spec.name", AnySessionOwnership.SPEC);
    properties.put("switchboard.token", ADMIN_TOKEN);
    properties.put("switchboard.broker", "redis");
    properties.put("switchboard.redis.url", TestRedis.url());
    properties.put("switchboard.redis.key-prefix", prefix);
    properties.put(
        "switchboard.drain.reconnects-per-second", String.valueOf(RECONNECTS_PER_SECOND));
    properties.put("switchboard.db.url", TestPostgres.urlWithSchema(schema));
    properties.put("switchboard.db.username", TestPostgres.user());
    properties.put("switchboard.db.password", TestPostgres.password());
    properties.put("flyway.datasources.default.schemas", schema);
    return properties;
  }

  private static Map<String, Object> withPort(Map<String, String> properties, Path dataDir) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("micronaut.server.port", -1);
    all.put("switchboard.data-dir", dataDir.toString());
    return all;
  }
}

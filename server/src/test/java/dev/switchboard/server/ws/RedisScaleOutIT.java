package dev.switchboard.server.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.channel.redis.RedisSessionRunLock;
import dev.switchboard.server.session.agent.SessionRunLock;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TcpProxy;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import dev.switchboard.server.testing.TestSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one deployment, each its own server on its own port, sharing Redis ({@code
 * switchboard.broker: redis}, one key prefix): clients on either node see every channel's events in
 * one order, move between nodes without losing or repeating an event, and are told {@code
 * recovered: false} when history cannot cover what they missed. Node A reaches Redis through a
 * proxy the tests can cut, to show a node losing Redis and coming back.
 *
 * <p>Runs on the Redis that {@link TestService#REDIS} selects.
 */
@RequiresService(TestService.REDIS)
class RedisScaleOutIT {

  private static final String ADMIN_TOKEN = "sb_redis-scale-out-it-admin";
  private static final String PREFIX = TestRedis.uniquePrefix("scale-out");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TcpProxy proxy;
  private static EmbeddedServer a;
  private static EmbeddedServer b;

  @BeforeAll
  static void startNodes() throws IOException {
    proxy = TcpProxy.to(TestRedis.host(), TestRedis.port());
    a = start("a", "redis://127.0.0.1:" + proxy.port());
    b = start("b", TestRedis.url());
  }

  private static EmbeddedServer start(String name, String redisUrl) throws IOException {
    return ScaleOutNodes.start(
        name,
        ADMIN_TOKEN,
        Map.of("switchboard.redis.url", redisUrl, "switchboard.redis.key-prefix", PREFIX));
  }

  @AfterAll
  static void stopNodes() {
    for (EmbeddedServer node : new EmbeddedServer[] {a, b}) {
      if (node != null) {
        node.getApplicationContext().close();
      }
    }
    if (proxy != null) {
      proxy.close();
    }
    TestRedis.deleteKeys(PREFIX);
  }

  @Test
  void anEventPostedToNodeAReachesASubscriberOnNodeB() throws Exception {
    try (TestSocket onB = connect(b)) {
      onB.send(Frames.subscribeSince("session:rest", null, 0));
      onB.awaitType("subscription_success");

      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + a.getPort() + "/api/channels/session:rest/events"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + ADMIN_TOKEN)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,"
                              + "\"chunk\":\"from a\\n\",\"stream\":\"stdout\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertEquals(200, response.statusCode(), response.body());
      JsonNode event = onB.awaitType("stream_output");
      assertEquals(1, event.get("offset").getLongValue());
      assertEquals("from a\n", event.get("data").get("chunk").getStringValue());
    }
  }

  @Test
  void eventsPublishedAlternatelyOnBothNodesArriveInOneOrderOnBoth() {
    try (TestSocket onA = connect(a);
        TestSocket onB = connect(b)) {
      for (TestSocket socket : List.of(onA, onB)) {
        socket.send(Frames.subscribeSince("session:alternate", null, 0));
        socket.awaitType("subscription_success");
      }

      for (long seq = 0; seq < 1000; seq++) {
        publish(seq % 2 == 0 ? a : b, "alternate", seq);
      }

      List<String> seenOnA = received(onA, 1000);
      List<String> seenOnB = received(onB, 1000);
      assertEquals(seenOnA, seenOnB);
      for (int i = 0; i < 1000; i++) {
        assertTrue(seenOnA.get(i).startsWith((i + 1) + ":"), seenOnA.get(i));
      }
    }
  }

  @Test
  void aClientMovingBetweenNodesEvery100EventsGetsEachEventOnce() throws Exception {
    String channel = "session:moving";
    CompletableFuture<Void> publishing =
        CompletableFuture.runAsync(
            () -> {
              for (long seq = 0; seq < 1000; seq++) {
                publish(seq % 3 == 0 ? b : a, "moving", seq);
                if (seq % 10 == 0) {
                  ScaleOutNodes.sleep(15);
                }
              }
            });
    List<Long> offsets = new ArrayList<>();
    String epoch = null;
    long last = 0;
    int connections = 0;
    while (last < 1000) {
      connections++;
      try (TestSocket socket = connect(connections % 2 == 1 ? a : b)) {
        socket.send(Frames.subscribeSince(channel, epoch, last));
        JsonNode success = socket.awaitType("subscription_success").get("data");
        if (epoch == null) {
          epoch = success.get("epoch").getStringValue();
          last = success.get("offset").getLongValue();
          LongStream.rangeClosed(1, last).forEach(offsets::add); // loaded over REST
        } else {
          assertTrue(success.get("recovered").getBooleanValue(), "recovered on " + connections);
          assertEquals(epoch, success.get("epoch").getStringValue());
        }
        int received = 0;
        while (received < 100 && last < 1000) {
          last = socket.awaitType("stream_output").get("offset").getLongValue();
          offsets.add(last);
          received++;
        }
        socket.abort();
      }
    }
    publishing.get(60, TimeUnit.SECONDS);

    assertEquals(LongStream.rangeClosed(1, 1000).boxed().toList(), offsets);
    assertTrue(connections >= 10, "moved every 100 events: " + connections);
  }

  @Test
  void anotherNodeSaysRecoveredFalseWhenHistoryNoLongerCoversTheGapOrTheEpochDiffers() {
    String epoch;
    long offset;
    try (TestSocket onA = connect(a)) {
      onA.send(Frames.subscribeSince("session:gap", null, 0));
      epoch = onA.awaitType("subscription_success").get("data").get("epoch").getStringValue();
      publish(a, "gap", 0);
      offset = onA.awaitType("stream_output").get("offset").getLongValue();
    }
    for (long seq = 1; seq <= 1001; seq++) {
      publish(a, "gap", seq);
    }
    try (TestSocket onB = connect(b)) {
      onB.send(Frames.subscribeSince("session:gap", epoch, offset));
      JsonNode trimmed = onB.awaitType("subscription_success").get("data");
      assertFalse(trimmed.get("recovered").getBooleanValue());
      assertEquals(1002, trimmed.get("offset").getLongValue());

      onB.send(Frames.subscribeSince("session:gap-epoch", "not-this-epoch", 0));
      JsonNode otherEpoch = onB.awaitType("subscription_success").get("data");
      assertFalse(otherEpoch.get("recovered").getBooleanValue());
      assertNotEquals("not-this-epoch", otherEpoch.get("epoch").getStringValue());
    }
  }

  @Test
  void aNodeThatLosesRedisKeepsServingItsClientsThenRejoins() {
    String channel = "session:fault";
    try (TestSocket onA = connect(a);
        TestSocket onB = connect(b)) {
      String epoch = subscribe(onA, channel, null, 0).get("epoch").getStringValue();
      subscribe(onB, channel, null, 0);
      publish(a, "fault", 0);
      assertEquals(1, onB.awaitType("stream_output").get("offset").getLongValue());
      assertEquals(1, onA.awaitType("stream_output").get("offset").getLongValue());
      double failuresBefore = failures(a);

      proxy.cut();
      long cutAt = System.nanoTime();
      try {
        publish(a, "fault", 1);

        // A reports the failure and ends its client's subscription instead of letting it hold a
        // position the other nodes never saw: that channel only, on the same socket. The client
        // subscribes again and is told to reload.
        assertTrue(failures(a) > failuresBefore);
        assertReset(onA, channel);
        JsonNode alone = subscribe(onA, channel, epoch, 1);
        assertFalse(alone.get("recovered").getBooleanValue());
        assertNotEquals(epoch, alone.get("epoch").getStringValue());
        publish(a, "fault", 2);
        JsonNode local = onA.awaitType("stream_output");
        assertEquals(alone.get("offset").getLongValue() + 1, local.get("offset").getLongValue());
        assertEquals(2, local.get("data").get("seq").getLongValue());
        // Redis stays out of reach for 10 s in all; A keeps serving meanwhile.
        ScaleOutNodes.sleep(Math.max(0, 10_000 - (System.nanoTime() - cutAt) / 1_000_000));
        publish(a, "fault", 3);
        assertEquals(3, onA.awaitType("stream_output").get("data").get("seq").getLongValue());
      } finally {
        proxy.restore();
      }

      // A gives the channel a new epoch in Redis: B's client, which missed A's events, is
      // reset and told recovered: false; then events flow from A to B again.
      assertReset(onB, channel);
      JsonNode rejoined = subscribe(onB, channel, epoch, 1);
      assertFalse(rejoined.get("recovered").getBooleanValue());
      assertNotEquals(epoch, rejoined.get("epoch").getStringValue());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                publish(a, "fault", 4);
                return onB.poll(Duration.ofMillis(200)) != null;
              });
      assertFalse(onA.closed().isDone(), "a reset ends a subscription, not the connection");
      assertFalse(onB.closed().isDone(), "a reset ends a subscription, not the connection");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSessionRunsOneReplyAcrossBothNodes() {
    SessionRunLock onA = a.getApplicationContext().getBean(SessionRunLock.class);
    SessionRunLock onB = b.getApplicationContext().getBean(SessionRunLock.class);
    assertTrue(onA instanceof RedisSessionRunLock, onA.getClass().getName());

    // Node A may still be reconnecting after the fault test: the lock is refused meanwhile.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> onA.tryAcquire("s-shared", "reply-on-a"));
    try {
      assertFalse(onB.tryAcquire("s-shared", "reply-on-b"));
      assertEquals("reply-on-a", onB.holder("s-shared"));
    } finally {
      onA.release("s-shared", "reply-on-a");
    }
    assertTrue(onB.tryAcquire("s-shared", "reply-on-b"));
    onB.release("s-shared", "reply-on-b");
  }

  private static JsonNode subscribe(TestSocket socket, String channel, String epoch, long offset) {
    socket.send(Frames.subscribeSince(channel, epoch, offset));
    return socket.awaitType("subscription_success").get("data");
  }

  /** Waits for the server to end the socket's subscription to {@code channel} with a reset. */
  private static void assertReset(TestSocket socket, String channel) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode frame = socket.poll(Duration.ofMillis(200));
      if (frame != null && "unsubscribed".equals(frame.get("type").getStringValue())) {
        assertEquals(channel, frame.get("data").get("channel").getStringValue());
        assertEquals("reset", frame.get("data").get("reason").getStringValue());
        return;
      }
    }
    throw new AssertionError("no unsubscribed {reason: reset} for " + channel + " within 20 s");
  }

  private static double failures(EmbeddedServer node) {
    return node
        .getApplicationContext()
        .getBean(MeterRegistry.class)
        .find("switchboard.redis.failures")
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** The next {@code count} events as "offset:seq". */
  private static List<String> received(TestSocket socket, int count) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonNode event = socket.awaitType("stream_output");
      seen.add(
          event.get("offset").getLongValue() + ":" + event.get("data").get("seq").getLongValue());
    }
    return seen;
  }

  private static void publish(EmbeddedServer node, String sessionId, long seq) {
    ScaleOutNodes.publish(node, Channels.session(sessionId), seq);
  }

  private static TestSocket connect(EmbeddedServer node) {
    return ScaleOutNodes.connect(node, ADMIN_TOKEN);
  }
}

package dev.switchboard.server.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.channel.redis.RedisSessionRunLock;
import dev.switchboard.server.session.agent.SessionRunLock;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestRedisCluster;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of one deployment on a Redis Cluster ({@code switchboard.redis.mode: cluster}) of three
 * masters and three replicas that the test starts from {@code redis-server} on loopback ports
 * (skipped, saying so, where it is absent): clients on either node see the events of channels on
 * every master, a session runs one reply across both, and when a master is killed mid-stream its
 * replica takes over without a silent gap on any channel, while channels of the other masters carry
 * on untouched. The failover runs last: it leaves the cluster with a master fewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterScaleOutIT {

  private static final String ADMIN_TOKEN = "sb_redis-cluster-it-admin";
  private static final String PREFIX = TestRedis.uniquePrefix("cluster-scale-out");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestRedisCluster cluster;
  private static EmbeddedServer a;
  private static EmbeddedServer b;

  @BeforeAll
  static void startNodes() throws IOException {
    cluster = TestRedisCluster.start();
    a = start("a");
    b = start("b");
  }

  private static EmbeddedServer start(String name) throws IOException {
    return ScaleOutNodes.start(
        name,
        ADMIN_TOKEN,
        Map.of(
            "switchboard.redis.mode", "cluster",
            "switchboard.redis.url", String.join(",", cluster.seeds()),
            "switchboard.redis.key-prefix", PREFIX,
            "switchboard.redis.topology-refresh", "1s",
            "endpoints.health.details-visible", "ANONYMOUS"));
  }

  @AfterAll
  static void stopNodes() {
    for (EmbeddedServer node : new EmbeddedServer[] {a, b}) {
      if (node != null) {
        node.getApplicationContext().close();
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void eventsPostedToNodeAReachSubscribersOnNodeBOnEveryMaster() throws Exception {
    Map<Integer, String> channels = channelsPerMaster("cross", 1);
    assertEquals(3, channels.size());
    try (TestSocket onB = connect(b)) {
      for (String channel : channels.values()) {
        onB.send(Frames.subscribeSince(channel, null, 0));
        onB.awaitType("subscription_success");
      }
      for (String channel : channels.values()) {
        HttpResponse<String> response = post(a, channel);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = onB.awaitType("stream_output");
        assertEquals(channel, event.get("channel").getStringValue());
        assertEquals(1, event.get("offset").getLongValue());
      }
    }
    assertTrue(health(a).contains("\"redis\":\"reachable\""), health(a));
  }

  @Test
  @Order(2)
  void aSessionRunsOneReplyAcrossBothNodes() {
    SessionRunLock onA = a.getApplicationContext().getBean(SessionRunLock.class);
    SessionRunLock onB = b.getApplicationContext().getBean(SessionRunLock.class);
    assertTrue(onA instanceof RedisSessionRunLock, onA.getClass().getName());
    assertTrue(onA.tryAcquire("s-shared", "reply-on-a"));
    try {
      assertFalse(onB.tryAcquire("s-shared", "reply-on-b"));
      assertEquals("reply-on-a", onB.holder("s-shared"));
    } finally {
      onA.release("s-shared", "reply-on-a");
    }
    assertTrue(onB.tryAcquire("s-shared", "reply-on-b"));
    onB.release("s-shared", "reply-on-b");
  }

  @Test
  @Order(3)
  void aMasterKilledMidStreamLeavesNoSilentGapAndTheOtherShardsUntouched() throws Exception {
    Map<Integer, List<String>> byMaster = new LinkedHashMap<>();
    channelsPerMasterList("failover", 3)
        .forEach(
            (channel, master) ->
                byMaster.computeIfAbsent(master, m -> new ArrayList<>()).add(channel));
    List<String> channels = byMaster.values().stream().flatMap(List::stream).toList();
    int victim = byMaster.keySet().iterator().next();
    List<String> onVictim = byMaster.get(victim);
    int events = 600;

    try (Follower onA = new Follower("client on A", connect(a), channels);
        Follower onB = new Follower("client on B", connect(b), channels)) {
      // Clients follow while events flow, subscribing again as soon as they are reset.
      List<CompletableFuture<Void>> following = new ArrayList<>();
      for (Follower follower : List.of(onA, onB)) {
        following.add(
            CompletableFuture.runAsync(
                () -> follower.followUntil(events - 1, Duration.ofSeconds(120))));
      }
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(
              () -> {
                for (int seq = 0; seq < events; seq++) {
                  if (seq == 100) {
                    cluster.kill(victim); // SIGKILL, mid-stream
                  }
                  for (String channel : channels) {
                    publish(a, channel, seq);
                  }
                  ScaleOutNodes.sleep(10);
                }
              });
      publishing.get(120, TimeUnit.SECONDS);
      cluster.awaitHealthy(Duration.ofSeconds(30));
      for (CompletableFuture<Void> follows : following) {
        follows.get(120, TimeUnit.SECONDS);
      }

      for (Follower follower : List.of(onA, onB)) {
        for (String channel : channels) {
          Follower.Stream stream = follower.streams.get(channel);
          // The guarantee: every event in order, except across a reset or recovered: false.
          assertEquals(List.of(), stream.silentGaps, follower.name + " " + channel);
          assertEquals(events - 1, stream.lastSeq, follower.name + " " + channel + " kept up");
          if (!onVictim.contains(channel)) {
            assertEquals(0, stream.notices, follower.name + " " + channel + " was untouched");
            assertEquals(events, stream.received, follower.name + " " + channel + " got all");
          }
        }
      }
      // The publishing node lost the killed master mid-stream: its clients were told.
      for (String channel : onVictim) {
        assertTrue(onA.streams.get(channel).notices > 0, channel + " on the killed master");
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> health(b).contains("\"redis\":\"reachable\""));
  }

  /**
   * Follows channels on one socket as a client would: applies events, and on a reset subscribes
   * again from its last position; records every silent gap (an event that does not follow the last
   * one applied, with no reset or {@code recovered: false} between them).
   */
  private static final class Follower implements AutoCloseable {

    final TestSocket socket;
    final String name;
    final Map<String, Stream> streams = new LinkedHashMap<>();

    Follower(String name, TestSocket socket, List<String> channels) {
      this.socket = socket;
      this.name = name;
      for (String channel : channels) {
        socket.send(Frames.subscribeSince(channel, null, 0));
        JsonNode success = socket.awaitType("subscription_success").get("data");
        Stream stream = new Stream();
        stream.epoch = success.get("epoch").getStringValue();
        stream.offset = success.get("offset").getLongValue();
        streams.put(channel, stream);
      }
    }

    void followUntil(long lastSeq, Duration within) {
      long deadline = System.nanoTime() + within.toNanos();
      try {
        while (streams.values().stream().anyMatch(s -> s.lastSeq < lastSeq)) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError(name + " did not keep up: " + streams);
          }
          JsonNode frame = socket.poll(Duration.ofMillis(200));
          if (frame != null) {
            apply(frame);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private void apply(JsonNode frame) {
      String type = frame.get("type").getStringValue();
      JsonNode data = frame.get("data");
      switch (type) {
        case "stream_output" -> {
          Stream stream = streams.get(frame.get("channel").getStringValue());
          long seq = data.get("seq").getLongValue();
          if (!stream.mayJump && seq != stream.lastSeq + 1) {
            stream.silentGaps.add(stream.lastSeq + " -> " + seq);
          }
          stream.mayJump = false;
          stream.lastSeq = seq;
          stream.offset = frame.get("offset").getLongValue();
          stream.received++;
        }
        case "unsubscribed" -> {
          assertEquals("reset", data.get("reason").getStringValue());
          String channel = data.get("channel").getStringValue();
          Stream stream = streams.get(channel);
          stream.notices++;
          socket.send(Frames.subscribeSince(channel, stream.epoch, stream.offset));
        }
        case "subscription_success" -> {
          Stream stream = streams.get(data.get("channel").getStringValue());
          stream.epoch = data.get("epoch").getStringValue();
          if (!data.get("recovered").getBooleanValue()) {
            stream.notices++;
            stream.mayJump = true; // the client reloads: what it missed is not a silent gap
            stream.offset = data.get("offset").getLongValue();
          }
        }
        default -> {}
      }
    }

    @Override
    public void close() {
      socket.close();
    }

    static final class Stream {
      String epoch;
      long offset;
      long lastSeq = -1;
      boolean mayJump;
      int received;
      int notices;
      final List<String> silentGaps = new ArrayList<>();

      @Override
      public String toString() {
        return "{last " + lastSeq + ", received " + received + ", notices " + notices + "}";
      }
    }
  }

  /** Session channels, {@code perMaster} on each master: channel -> port of its master. */
  private static Map<String, Integer> channelsPerMasterList(String stem, int perMaster) {
    Map<String, Integer> channels = new LinkedHashMap<>();
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; channels.size() < 3 * perMaster; i++) {
      String channel = Channels.session(stem + "-" + i);
      int master = cluster.masterOf(PREFIX + ":{" + channel + "}:meta");
      if (counts.merge(master, 1, Integer::sum) <= perMaster) {
        channels.put(channel, master);
      }
    }
    return channels;
  }

  private static Map<Integer, String> channelsPerMaster(String stem, int perMaster) {
    Map<Integer, String> one = new LinkedHashMap<>();
    channelsPerMasterList(stem, perMaster)
        .forEach((channel, master) -> one.putIfAbsent(master, channel));
    return one;
  }

  private static HttpResponse<String> post(EmbeddedServer node, String channel) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + node.getPort() + "/api/channels/" + channel + "/events"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,"
                        + "\"chunk\":\"from a\\n\",\"stream\":\"stdout\"}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String health(EmbeddedServer node) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getPort() + "/health"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void publish(EmbeddedServer node, String channel, long seq) {
    ScaleOutNodes.publish(node, channel, seq);
  }

  private static TestSocket connect(EmbeddedServer node) {
    return ScaleOutNodes.connect(node, ADMIN_TOKEN);
  }
}

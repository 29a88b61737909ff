package dev.switchboard.server.channel.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.HubNode;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestRedisCluster;
import io.lettuce.core.cluster.SlotHash;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The broker contract on a Redis Cluster ({@code switchboard.redis.mode: cluster}) of three masters
 * and three replicas that the test starts from {@code redis-server} (skipped, saying so, where it
 * is absent); then what only a cluster shows: a channel's keys and sharded channel in one slot,
 * events crossing nodes on channels of every master, and the run lock and cancels of a session in
 * its channel's slot.
 */
class RedisClusterBrokerTest extends RedisBrokerContract {

  private static final String CLASS_PREFIX = TestRedis.uniquePrefix("cluster-broker");
  private static TestRedisCluster cluster;
  private static int brokers;

  private final List<MeterRegistry> nodeMeters = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = TestRedisCluster.shared();
  }

  static RedisConfiguration configuration(String prefix) {
    return RedisConfiguration.cluster(
        cluster.seeds(), prefix, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Override
  protected Broker newBroker(ChannelStreamsConfiguration bounds, MeterRegistry registry) {
    return redisBroker(configuration(CLASS_PREFIX + ":" + ++brokers), bounds, registry);
  }

  private List<HubNode> twoNodes() {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    List<HubNode> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      nodeMeters.add(meters);
      nodes.add(
          nodeOver(
              redisBroker(
                  configuration(prefix),
                  ChannelStreamsConfiguration.withHistory(1000, Duration.ofMinutes(10)),
                  meters),
              meters));
    }
    return nodes;
  }

  /** One session channel per master: the name, by the port of the master owning its slot. */
  static Map<Integer, String> channelPerMaster(String prefix, String stem) {
    Map<Integer, String> channels = new LinkedHashMap<>();
    for (int i = 0; channels.size() < 3; i++) {
      String channel = "session:" + stem + "-" + i;
      channels.putIfAbsent(cluster.masterOf(prefix + ":{" + channel + "}:meta"), channel);
    }
    return channels;
  }

  @Test
  void aChannelsKeysAndShardedChannelShareTheSlotOfItsName() {
    RedisConnections redis = new RedisConnections(configuration("p"));
    try {
      RedisChannelStore store =
          new RedisChannelStore(redis, "n", ChannelStreamsConfiguration.defaults());
      ChannelName channel = ChannelName.parse("session:42");
      int slot = SlotHash.getSlot("session:42");
      assertEquals("p:{session:42}:meta", store.metaKey(channel));
      assertEquals("p:{session:42}:events", store.eventsChannel(channel));
      assertEquals(slot, SlotHash.getSlot(store.metaKey(channel)));
      assertEquals(slot, SlotHash.getSlot(store.eventsChannel(channel)));
      assertEquals(slot, SlotHash.getSlot(redis.taggedKey("session:42", "run-lock")));
    } finally {
      redis.close();
    }
  }

  @Test
  void eventsCrossNodesInOrderOnChannelsOfEveryMaster() {
    List<HubNode> nodes = twoNodes();
    Map<Integer, String> channels = channelPerMaster(CLASS_PREFIX + ":" + brokers, "cross");
    assertEquals(3, channels.size(), "a channel on each of the three masters");
    Map<String, List<Long>> seen = new HashMap<>();
    for (String channel : channels.values()) {
      List<Long> offsets = new CopyOnWriteArrayList<>();
      seen.put(channel, offsets);
      nodes.get(1).subscribe(channel, null, event -> offsets.add(event.offset()));
    }
    // B's subscriptions are confirmed asynchronously (what is published before is caught up from
    // history); here they are awaited, so that every event crosses over sharded pub/sub.
    String prefix = CLASS_PREFIX + ":" + brokers;
    for (String channel : channels.values()) {
      String sharded = prefix + ":{" + channel + "}:events";
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.shardSubscribers(sharded) == 1);
    }
    for (int i = 0; i < 50; i++) {
      for (String channel : channels.values()) {
        nodes.get(i % 2).publish(channel, offset -> "e" + offset);
      }
    }
    for (String channel : channels.values()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.get(channel).size() >= 50);
      assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), seen.get(channel), channel);
    }
    // Each of A's 75 announcements reached B over sharded pub/sub (B times every one it takes).
    MeterRegistry onB = nodeMeters.get(nodeMeters.size() - 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> onB.get("switchboard.redis.fanout.lag").timer().count() == 75);
  }

  @Test
  void aListenerSubscribedOnAnIdleNodeGetsEventsPublishedBeforeItsSubscriptionWasConfirmed() {
    List<HubNode> nodes = twoNodes();
    List<StreamEvent> onB = new CopyOnWriteArrayList<>();
    nodes.get(1).subscribe("session:early", null, onB::add);
    StreamEvent published = nodes.get(0).publish("session:early", offset -> "x" + offset);
    await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() == 1);
    assertEquals(published, onB.get(0));
  }

  @Test
  void aChannelLastWrittenUnderAnotherMastersReplicationIdGetsANewEpoch() {
    List<HubNode> nodes = twoNodes();
    String prefix = CLASS_PREFIX + ":" + brokers;
    List<Long> offsets = new CopyOnWriteArrayList<>();
    List<String> resets = new CopyOnWriteArrayList<>();
    nodes
        .get(1)
        .subscribe(
            "session:promoted",
            null,
            new StreamListener() {
              @Override
              public void onEvent(StreamEvent event) {
                offsets.add(event.offset());
              }

              @Override
              public void onReset(String reason) {
                resets.add(reason);
              }
            });
    for (int i = 0; i < 3; i++) {
      nodes.get(0).publish("session:promoted", offset -> "p" + offset);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> offsets.size() == 3);
    StreamPosition before = nodes.get(0).position("session:promoted");

    // What a replica promoted by a failover holds: the hash as the old master wrote it, whose
    // replication id is not its own. Whether or not it lacks events, positions of that epoch
    // cannot be trusted any more.
    RedisConnections redis = connectionsOf(nodes.get(0).broker());
    redis.commands().hset(prefix + ":{session:promoted}:meta", "replid", "0".repeat(40));
    StreamEvent next = nodes.get(0).publish("session:promoted", offset -> "p" + offset);

    assertNotEquals(before.epoch(), next.epoch());
    await().atMost(Duration.ofSeconds(10)).until(() -> resets.size() == 1);
    assertEquals(List.of(1L, 2L, 3L), offsets, "nothing of the new epoch reached the old listener");
    SubscribeResult again = nodes.get(1).subscribe("session:promoted", before, IGNORE);
    assertFalse(again.recovered());
    assertEquals(next.epoch(), again.position().epoch());
  }

  @Test
  void aSessionsRunLockLivesInItsChannelsSlotAndCancelsReachOnlyItsHolder() throws Exception {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    RedisConnections onA = new RedisConnections(configuration(prefix));
    RedisConnections onB = new RedisConnections(configuration(prefix));
    RedisCancelForwarding cancelsA = new RedisCancelForwarding(onA);
    RedisCancelForwarding cancelsB = new RedisCancelForwarding(onB);
    try (RedisSessionRunLock lockA = new RedisSessionRunLock(onA, cancelsA);
        RedisSessionRunLock lockB = new RedisSessionRunLock(onB, cancelsB)) {
      List<String> stoppedOnA = new CopyOnWriteArrayList<>();
      List<String> stoppedOnB = new CopyOnWriteArrayList<>();
      cancelsA.receiveWith((session, message) -> stoppedOnA.add(session + "/" + message));
      cancelsB.receiveWith((session, message) -> stoppedOnB.add(session + "/" + message));

      assertTrue(lockA.tryAcquire("s-7", "reply-1"));
      assertFalse(lockB.tryAcquire("s-7", "reply-2"));
      assertEquals("reply-1", lockB.holder("s-7"));
      String key = prefix + ":{session:s-7}:run-lock";
      int master = cluster.masterOf(key);
      assertEquals(master, cluster.masterOf(prefix + ":{session:s-7}:meta"));
      assertEquals("reply-1", onB.commands().get(key));

      assertTrue(cancelsB.forward("s-7", "reply-1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> stoppedOnA.equals(List.of("s-7/reply-1")));

      lockA.release("s-7", "reply-1");
      assertTrue(lockB.tryAcquire("s-7", "reply-2"));
      assertTrue(cancelsA.forward("s-7", "reply-2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> stoppedOnB.equals(List.of("s-7/reply-2")));
      Thread.sleep(200);
      assertEquals(List.of("s-7/reply-1"), stoppedOnA, "A released the lock: no more cancels");
      lockB.release("s-7", "reply-2");
    } finally {
      cancelsA.close();
      cancelsB.close();
      onA.close();
      onB.close();
    }
  }

  @Test
  void healthIsUpOnAHealthyClusterAndDegradedWhenNoNodeAnswers() throws Exception {
    RedisConnections healthy = new RedisConnections(configuration("h"));
    RedisConnections gone =
        new RedisConnections(
            RedisConfiguration.cluster(
                List.of("redis://127.0.0.1:" + closedPort()),
                "h",
                Duration.ofMillis(300),
                Duration.ofSeconds(1)));
    try {
      HealthResult up = Mono.from(new RedisHealthIndicator(healthy).getResult()).block();
      assertEquals(HealthStatus.UP, up.getStatus());
      assertEquals(Map.of("redis", "reachable"), up.getDetails());
      HealthResult down = Mono.from(new RedisHealthIndicator(gone).getResult()).block();
      assertEquals(RedisHealthIndicator.DEGRADED, down.getStatus());
      assertEquals(Map.of("redis", "unreachable"), down.getDetails());
    } finally {
      healthy.close();
      gone.close();
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void clusterSettingsAreCheckedAndNamed() {
    IllegalArgumentException several =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RedisConfiguration("redis://a:1,redis://b:2", "p", Duration.ofSeconds(1)));
    assertTrue(several.getMessage().contains("switchboard.redis.mode"), several.getMessage());
    IllegalArgumentException mode =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RedisConfiguration(
                    "redis://a:1",
                    "p",
                    Duration.ofSeconds(1),
                    "sharded",
                    List.of(),
                    Duration.ofSeconds(1)));
    assertTrue(mode.getMessage().contains("switchboard.redis.mode"), mode.getMessage());
    IllegalArgumentException database =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RedisConfiguration.cluster(
                    List.of("redis://a:1/3"), "p", Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertTrue(database.getMessage().contains("database 3"), database.getMessage());
    IllegalArgumentException node =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RedisConfiguration.cluster(
                    List.of("redis://a:1", "http://b:2"),
                    "p",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)));
    assertTrue(node.getMessage().contains("switchboard.redis.nodes"), node.getMessage());
    RedisConfiguration fromUrl =
        new RedisConfiguration(
            "redis://a:1, redis://b:2",
            "p",
            Duration.ofSeconds(1),
            "CLUSTER",
            null,
            Duration.ofSeconds(10));
    assertTrue(fromUrl.cluster());
    assertEquals(List.of("redis://a:1", "redis://b:2"), fromUrl.seeds());
    assertNotEquals(
        fromUrl.seeds(), new RedisConfiguration("redis://a:1", "p", Duration.ofSeconds(1)).seeds());
  }
}

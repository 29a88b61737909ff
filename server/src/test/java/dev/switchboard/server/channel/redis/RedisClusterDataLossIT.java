package dev.switchboard.server.channel.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.HubNode;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestRedisCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failover that really loses events the old master acknowledged: its replica is stopped (SIGSTOP)
 * while a node publishes, so the replication stream piles up in the master, then the master is
 * killed (SIGKILL) and the replica resumed and promoted without the last events. A node whose
 * listener received them must not take the promoted replica's numbering, which reuses their offsets
 * for other events, as a continuation: the listener is reset and a resubscription from its position
 * answers {@code recovered: false}.
 */
class RedisClusterDataLossIT {

  private static final String PREFIX = TestRedis.uniquePrefix("cluster-loss");
  private static final String CHANNEL = "session:loss";
  private static TestRedisCluster cluster;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = TestRedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private HubNode node() {
    RedisConnections redis =
        new RedisConnections(
            RedisConfiguration.cluster(
                cluster.seeds(), PREFIX, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RedisBroker broker =
        new RedisBroker(
            ChannelStreamsConfiguration.withHistory(1000, Duration.ofMinutes(10)),
            redis,
            meters,
            Clock.systemUTC());
    HubNode node = new HubNode(broker, meters, Clock.systemUTC());
    opened.add(redis);
    opened.add(broker);
    opened.add(node);
    return node;
  }

  @Test
  void eventsAcknowledgedByAKilledMasterButNeverReplicatedEndTheEpochNotSilently()
      throws Exception {
    HubNode a = node();
    HubNode b = node();
    try {
      List<StreamEvent> onB = new CopyOnWriteArrayList<>();
      List<String> resets = new CopyOnWriteArrayList<>();
      b.subscribe(
          CHANNEL,
          null,
          new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
              onB.add(event);
            }

            @Override
            public void onReset(String reason) {
              resets.add(reason);
            }
          });
      String meta = PREFIX + ":{" + CHANNEL + "}:meta";
      int master = cluster.masterOf(meta);
      int replica = cluster.replicaOf(master);
      for (int i = 0; i < 10; i++) {
        a.publish(CHANNEL, offset -> "small-" + offset);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() == 10);
      Thread.sleep(500); // the replica has the first ten

      // Frames large enough that what the stopped replica cannot take fills the socket buffers
      // and stays in the master's output buffer, lost with the master.
      cluster.pause(replica);
      String pad = "x".repeat(64 * 1024);
      int published = 10;
      for (int i = 0; i < 300; i++) {
        a.publish(CHANNEL, offset -> "big-" + offset + "-" + pad);
        published++;
      }
      int total = published;
      await().atMost(Duration.ofSeconds(20)).until(() -> onB.size() == total);
      StreamPosition last = new StreamPosition(onB.get(total - 1).epoch(), total);
      assertEquals(
          LongStream.rangeClosed(1, total).boxed().toList(),
          onB.stream().map(StreamEvent::offset).toList(),
          "B got every event live, in order, before the failover");

      cluster.kill(master);
      cluster.resume(replica);
      cluster.awaitHealthy(Duration.ofSeconds(30));

      // B subscribes again on the promoted replica, catches up and finds the epoch changed.
      await().atMost(Duration.ofSeconds(30)).until(() -> resets.size() == 1);
      RedisConnections admin =
          new RedisConnections(
              RedisConfiguration.cluster(
                  cluster.seeds(), PREFIX, Duration.ofSeconds(1), Duration.ofSeconds(1)));
      opened.add(admin);
      long kept = Long.parseLong(admin.commands().hget(meta, "offset"));
      assertTrue(
          kept < total,
          "the promoted replica should lack events (kept " + kept + " of " + total + ")");

      // Publishing goes on; the new epoch numbers from what the replica kept, reusing offsets B
      // already delivered for other events. B's old listener gets none of it.
      StreamEvent next = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (next == null || next.epoch().equals(last.epoch())) {
        assertTrue(System.nanoTime() < deadline, "no publish reached the promoted replica");
        next = a.publish(CHANNEL, offset -> "after-" + offset);
        Thread.sleep(100);
      }
      assertNotEquals(last.epoch(), next.epoch());
      assertEquals(total, onB.size(), "nothing after the failover reached the reset listener");

      SubscribeResult again = b.subscribe(CHANNEL, last, event -> {});
      assertFalse(again.recovered(), "a position of the lost epoch is not recovered");
    } finally {
      for (int i = opened.size() - 1; i >= 0; i--) {
        opened.get(i).close();
      }
    }
  }
}

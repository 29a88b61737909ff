package dev.switchboard.server.channel.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.HubNode;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TcpProxy;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The broker contract on Redis, then what only several nodes show: events published on one node
 * reach listeners on another, in one order, and a node that loses Redis keeps serving its own
 * clients, says so, and rejoins.
 *
 * <p>Runs on the Redis that {@link TestService#REDIS} selects (the local service, or a container),
 * under a key prefix of its own per broker.
 */
@RequiresService(TestService.REDIS)
class RedisBrokerTest extends RedisBrokerContract {

  private static final String CLASS_PREFIX = TestRedis.uniquePrefix("broker");
  private static int brokers;

  private final Map<HubNode, MeterRegistry> meters = new HashMap<>();

  @Override
  protected Broker newBroker(ChannelStreamsConfiguration bounds, MeterRegistry registry) {
    // A prefix per broker: each is a deployment of its own, as the contract expects.
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    return redisBroker(
        new RedisConfiguration(TestRedis.url(), prefix, Duration.ofSeconds(1)), bounds, registry);
  }

  @AfterAll
  static void deleteKeys() {
    TestRedis.deleteKeys(CLASS_PREFIX);
  }

  private HubNode node(String prefix, String url, int historyMaxEvents, Duration maxAge) {
    return node(prefix, url, ChannelStreamsConfiguration.withHistory(historyMaxEvents, maxAge));
  }

  private HubNode node(String prefix, String url, ChannelStreamsConfiguration bounds) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RedisBroker broker =
        redisBroker(new RedisConfiguration(url, prefix, Duration.ofSeconds(1)), bounds, registry);
    HubNode node = nodeOver(broker, registry);
    meters.put(node, registry);
    return node;
  }

  private List<HubNode> twoNodes() {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    return List.of(
        node(prefix, TestRedis.url(), 1000, Duration.ofMinutes(10)),
        node(prefix, TestRedis.url(), 1000, Duration.ofMinutes(10)));
  }

  @Test
  void anEventPublishedOnOneNodeReachesListenersOnTheOther() {
    List<HubNode> nodes = twoNodes();
    List<StreamEvent> onB = new CopyOnWriteArrayList<>();
    nodes.get(1).subscribe("session:x", null, onB::add);

    StreamEvent published = nodes.get(0).publish("session:x", offset -> "frame-" + offset);

    await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() == 1);
    assertEquals(published, onB.get(0));
    assertEquals("frame-1", onB.get(0).frameText());
    assertEquals(nodes.get(0).position("session:x"), nodes.get(1).position("session:x"));
  }

  @Test
  void publishesAlternatingBetweenNodesReachEveryListenerInOneContiguousOrder() {
    List<HubNode> nodes = twoNodes();
    List<List<Long>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    for (int n = 0; n < 2; n++) {
      List<Long> mine = seen.get(n);
      nodes.get(n).subscribe("project:order", null, event -> mine.add(event.offset()));
    }

    for (int i = 0; i < 1000; i++) {
      nodes.get(i % 2).publish("project:order", offset -> "{\"offset\":" + offset + "}");
    }

    List<Long> expected = LongStream.rangeClosed(1, 1000).boxed().toList();
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.get(1).size() >= 1000);
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.get(0).size() >= 1000);
    assertEquals(expected, seen.get(0));
    assertEquals(expected, seen.get(1));
  }

  @Test
  void aListenerMovingToAnotherNodeRecoversExactlyWhatItMissed() {
    List<HubNode> nodes = twoNodes();
    List<Long> received = new ArrayList<>();
    StreamPosition position = nodes.get(0).position("session:move");
    for (int round = 0; round < 10; round++) {
      HubNode here = nodes.get(round % 2);
      HubNode other = nodes.get(1 - round % 2);
      ConcurrentLinkedQueue<Long> live = new ConcurrentLinkedQueue<>();
      SubscribeResult result =
          here.subscribe("session:move", position, event -> live.add(event.offset()));
      assertTrue(result.recovered(), "round " + round);
      received.addAll(offsets(result.replay()));
      for (int i = 0; i < 10; i++) {
        other.publish("session:move", offset -> "f" + offset);
      }
      long last = result.position().offset() + 10;
      await().atMost(Duration.ofSeconds(10)).until(() -> live.contains(last));
      result.handle().close();
      received.addAll(live);
      other.publish("session:move", offset -> "f" + offset); // missed: the next round recovers it
      position = new StreamPosition(result.position().epoch(), received.get(received.size() - 1));
    }

    assertEquals(109, received.size());
    assertEquals(LongStream.rangeClosed(1, 109).boxed().toList(), received);
  }

  @Test
  void anotherNodeRefusesRecoveryBeyondHistoryOrFromAnotherEpoch() {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    HubNode a = node(prefix, TestRedis.url(), 5, Duration.ofMinutes(10));
    HubNode b = node(prefix, TestRedis.url(), 5, Duration.ofMinutes(10));
    StreamPosition start = a.position("session:trim");
    for (int i = 0; i < 8; i++) {
      a.publish("session:trim", offset -> "f" + offset);
    }

    SubscribeResult trimmed = b.subscribe("session:trim", start, IGNORE);
    SubscribeResult kept =
        b.subscribe("session:trim", new StreamPosition(start.epoch(), 3), IGNORE);
    SubscribeResult otherEpoch =
        b.subscribe("session:trim", new StreamPosition("another-epoch", 7), IGNORE);

    assertFalse(trimmed.recovered());
    assertEquals(new StreamPosition(start.epoch(), 8), trimmed.position());
    assertTrue(kept.recovered());
    assertEquals(List.of(4L, 5L, 6L, 7L, 8L), offsets(kept.replay()));
    assertFalse(otherEpoch.recovered());
  }

  @Test
  void aRedisThatStopsAnsweringHoldsNoCallerPastTheCommandTimeout() {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    try (TcpProxy proxy = TcpProxy.to(TestRedis.host(), TestRedis.port())) {
      String url = "redis://127.0.0.1:" + proxy.port();
      HubNode a = node(prefix, url, 1000, Duration.ofMinutes(10));
      RedisConnections lockConnections =
          new RedisConnections(new RedisConfiguration(url, prefix, Duration.ofSeconds(1)));
      try (RedisSessionRunLock lock = new RedisSessionRunLock(lockConnections)) {
        a.subscribe("session:hung", null, IGNORE);
        a.publish("session:hung", offset -> "h" + offset);

        // No error, no close: Redis just goes silent, as a hung server or a dropped route would.
        proxy.stall();

        long publishMs = millis(() -> a.publish("session:hung", offset -> "h" + offset));
        long subscribeMs = millis(() -> a.subscribe("session:other", null, IGNORE));
        long positionMs = millis(() -> a.position("session:third"));
        long lockMs =
            millis(
                () -> {
                  try {
                    lock.tryAcquire("s-hung", "m-1");
                  } catch (IllegalStateException refused) {
                    // Refused for want of Redis: what matters is how long it took to say so.
                  }
                });

        // The first call did meet the silence (it waited for the timeout, it did not fail fast),
        // and the command timeout is 1 s: a caller may wait for it, never for Redis itself.
        assertTrue(publishMs >= 900, "publish returned in " + publishMs + " ms: Redis not hung?");
        for (long ms : new long[] {publishMs, subscribeMs, positionMs, lockMs}) {
          assertTrue(ms < 1_500, "publish/subscribe/position/lock took " + ms + " ms while hung");
        }
      } finally {
        lockConnections.close();
        proxy.restore();
      }
    }
  }

  private static long millis(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aNodeCutOffFromRedisServesItsOwnClientsAndRejoinsUnderANewEpoch() {
    String prefix = CLASS_PREFIX + ":" + ++brokers;
    try (TcpProxy proxy = TcpProxy.to(TestRedis.host(), TestRedis.port())) {
      HubNode a = node(prefix, "redis://127.0.0.1:" + proxy.port(), 1000, Duration.ofMinutes(10));
      HubNode b = node(prefix, TestRedis.url(), 1000, Duration.ofMinutes(10));
      List<String> resetOnA = new CopyOnWriteArrayList<>();
      List<Long> onB = new CopyOnWriteArrayList<>();
      List<String> resetOnB = new CopyOnWriteArrayList<>();
      a.subscribe("session:cut", null, listener(new ArrayList<>(), resetOnA));
      b.subscribe("session:cut", null, listener(onB, resetOnB));
      a.publish("session:cut", offset -> "f" + offset);
      await().atMost(Duration.ofSeconds(10)).until(() -> onB.equals(List.of(1L)));
      StreamPosition before = b.position("session:cut");

      proxy.cut();
      long startNanos = System.nanoTime();
      StreamEvent alone = a.publish("session:cut", offset -> "f" + offset);
      long tookMs = (System.nanoTime() - startNanos) / 1_000_000;

      // Delivered on A, under an epoch only A knows, reported, within the command timeout.
      assertTrue(tookMs < 1500, "publish took " + tookMs + " ms");
      assertNotEquals(before.epoch(), alone.epoch());
      assertEquals(2, alone.offset());
      assertTrue(failures(a) >= 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> resetOnA.size() == 1);
      List<Long> onA = new CopyOnWriteArrayList<>();
      SubscribeResult local = a.subscribe("session:cut", null, listener(onA, resetOnA));
      assertEquals(new StreamPosition(alone.epoch(), 2), local.position());
      a.publish("session:cut", offset -> "f" + offset);
      assertEquals(List.of(3L), onA);
      assertEquals(List.of(1L), onB);
      assertFalse(
          b.subscribe("session:cut", new StreamPosition(alone.epoch(), 3), IGNORE).recovered());

      proxy.restore();

      // A gives the channel a new epoch in Redis; B's listener, which missed A's events, is
      // reset; a listener resubscribing with its old position learns recovered: false.
      await().atMost(Duration.ofSeconds(20)).until(() -> !resetOnB.isEmpty());
      StreamPosition after = b.position("session:cut");
      assertNotEquals(before.epoch(), after.epoch());
      assertFalse(b.subscribe("session:cut", before, IGNORE).recovered());
      List<Long> onBAgain = new CopyOnWriteArrayList<>();
      b.subscribe("session:cut", after, listener(onBAgain, resetOnB));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                a.publish("session:cut", offset -> "f" + offset);
                return !onBAgain.isEmpty();
              });
      assertEquals(after.offset() + 1, onBAgain.get(0));
    }
  }

  private long failures(HubNode node) {
    return (long)
        meters.get(node).find("switchboard.redis.failures").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private static StreamListener listener(List<Long> offsets, List<String> resets) {
    return new StreamListener() {
      @Override
      public void onEvent(StreamEvent event) {
        offsets.add(event.offset());
      }

      @Override
      public void onReset(String reason) {
        resets.add(reason);
      }
    };
  }
}

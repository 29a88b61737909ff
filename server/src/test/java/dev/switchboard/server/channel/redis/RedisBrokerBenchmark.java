package dev.switchboard.server.channel.redis;

import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.HubNode;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * RedisBrokerBenchmark measures the Redis broker on loopback: how long one publish takes (one Lua
 * script: number, record, announce, then local delivery by the hub) and how long an event takes
 * from publish on node A to delivery on node B, as two brokers on one Redis.
 *
 * <p>Run: {@code SWITCHBOARD_TEST_REDIS_URL=redis://127.0.0.1:6379 ./bench/redis-broker.sh} (not
 * part of the test suite). It uses a key prefix of its own and deletes its keys afterwards.
 */
public final class RedisBrokerBenchmark {

  private static final int WARMUP = 2_000;
  private static final int EVENTS = 10_000;

  public static void main(String[] args) throws Exception {
    String prefix = TestRedis.uniquePrefix("benchmark");
    ChannelStreamsConfiguration streams = ChannelStreamsConfiguration.defaults();
    RedisConfiguration configuration =
        new RedisConfiguration(TestRedis.url(), prefix, Duration.ofSeconds(1));
    try (RedisConnections redisA = new RedisConnections(configuration);
        RedisConnections redisB = new RedisConnections(configuration);
        RedisBroker brokerA = new RedisBroker(streams, redisA, new SimpleMeterRegistry(), null);
        RedisBroker brokerB = new RedisBroker(streams, redisB, new SimpleMeterRegistry(), null);
        HubNode a = new HubNode(brokerA, new SimpleMeterRegistry(), Clock.systemUTC());
        HubNode b = new HubNode(brokerB, new SimpleMeterRegistry(), Clock.systemUTC())) {
      String frame =
          "{\"channel\":\"session:bench\",\"type\":\"stream_output\",\"data\":{"
              + "\"chunk\":\""
              + "x".repeat(200)
              + "\"},\"offset\":";
      long[] sentAt = new long[WARMUP + EVENTS + 1];
      long[] lag = new long[WARMUP + EVENTS + 1];
      CountDownLatch all = new CountDownLatch(WARMUP + EVENTS);
      long base = a.position("session:bench").offset();
      b.subscribe(
          "session:bench",
          null,
          (StreamEvent event) -> {
            int i = (int) (event.offset() - base);
            lag[i] = System.nanoTime() - sentAt[i];
            all.countDown();
          });
      long[] publish = new long[WARMUP + EVENTS];
      for (int i = 0; i < WARMUP + EVENTS; i++) {
        sentAt[i + 1] = System.nanoTime();
        a.publish("session:bench", offset -> frame + offset + "}");
        publish[i] = System.nanoTime() - sentAt[i + 1];
      }
      if (!all.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node B did not receive every event");
      }
      System.out.println(
          "Redis broker on loopback, " + EVENTS + " events of ~300 bytes, one publisher thread");
      print(
          "publish on A (script + local delivery)",
          Arrays.copyOfRange(publish, WARMUP, publish.length));
      print("publish on A -> delivered on B", Arrays.copyOfRange(lag, WARMUP + 1, lag.length));
    } finally {
      TestRedis.deleteKeys(prefix);
    }
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-42s p50 %7.1f µs  p99 %7.1f µs  max %8.1f µs%n",
        what,
        sorted[sorted.length / 2] / 1_000.0,
        sorted[(int) (sorted.length * 0.99)] / 1_000.0,
        sorted[sorted.length - 1] / 1_000.0);
  }
}

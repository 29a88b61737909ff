package dev.switchboard.server.channel.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TcpProxy;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' run locks on one Redis: one reply per session across both, released only by its
 * holder, kept while the holder renews it, given up when the holder stops, and never granted when
 * Redis cannot be asked.
 */
@RequiresService(TestService.REDIS)
class RedisSessionRunLockTest {

  private static final String PREFIX = TestRedis.uniquePrefix("run-lock");
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @AfterAll
  static void deleteKeys() {
    TestRedis.deleteKeys(PREFIX);
  }

  private RedisSessionRunLock node(String url, Duration ttl) {
    RedisConnections redis =
        new RedisConnections(new RedisConfiguration(url, PREFIX, Duration.ofSeconds(1)));
    opened.add(redis);
    RedisSessionRunLock lock = new RedisSessionRunLock(redis, ttl);
    opened.add(lock);
    return lock;
  }

  @Test
  void onlyOneReplyPerSessionAcrossNodesAndOnlyItsHolderReleasesIt() {
    RedisSessionRunLock a = node(TestRedis.url(), Duration.ofSeconds(30));
    RedisSessionRunLock b = node(TestRedis.url(), Duration.ofSeconds(30));

    assertTrue(a.tryAcquire("s-1", "reply-a"));
    assertFalse(b.tryAcquire("s-1", "reply-b"));
    assertFalse(a.tryAcquire("s-1", "reply-a2"));
    assertTrue(b.tryAcquire("s-2", "reply-b"));
    assertEquals("reply-a", b.holder("s-1"));

    b.release("s-1", "reply-b"); // not its lock: nothing happens
    assertEquals("reply-a", a.holder("s-1"));

    a.release("s-1", "reply-a");
    assertNull(b.holder("s-1"));
    assertTrue(b.tryAcquire("s-1", "reply-b"));
  }

  @Test
  void theHolderKeepsItsLockPastTheTtlAndLosesItWhenItStopsRenewing() {
    RedisSessionRunLock a = node(TestRedis.url(), Duration.ofMillis(600));
    RedisSessionRunLock b = node(TestRedis.url(), Duration.ofMillis(600));
    assertTrue(a.tryAcquire("s-renew", "reply-a"));

    // Three times the TTL: only renewal keeps the lock.
    await()
        .pollDelay(Duration.ofMillis(1800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> "reply-a".equals(b.holder("s-renew")));
    assertFalse(b.tryAcquire("s-renew", "reply-b"));

    a.close(); // the node is gone: nobody renews
    await().atMost(Duration.ofSeconds(5)).until(() -> b.tryAcquire("s-renew", "reply-b"));
  }

  @Test
  void refusesToGrantALockWhenRedisCannotBeReached() {
    try (TcpProxy proxy = TcpProxy.to(TestRedis.host(), TestRedis.port())) {
      RedisSessionRunLock a =
          node("redis://127.0.0.1:" + proxy.port(), RedisSessionRunLock.DEFAULT_TTL);
      proxy.cut();

      long start = System.nanoTime();
      assertThrows(IllegalStateException.class, () -> a.tryAcquire("s-down", "reply-a"));
      assertTrue(System.nanoTime() - start < Duration.ofMillis(1500).toNanos());

      proxy.restore();
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> a.tryAcquire("s-down", "reply-a"));
    }
  }
}

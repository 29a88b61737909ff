package dev.switchboard.server.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;

/**
 * TestRedis is the Redis the tests share: the one {@code SWITCHBOARD_TEST_REDIS_URL} names ({@code
 * .ci/run} sets it to the local service), else a Testcontainers container ({@link TestService}
 * decides). Every test class works under a key prefix of its own and deletes only its own keys
 * afterwards, since others use the same server at the same time.
 */
public final class TestRedis {

  private TestRedis() {}

  /** The shared Redis's URL. */
  public static String url() {
    ServiceSelection selection = TestService.REDIS.selection();
    return switch (selection.source()) {
      case URL -> selection.url();
      case CONTAINER -> TestContainers.redisUrl();
      case NONE -> throw new IllegalStateException("This test " + selection.reason());
    };
  }

  /** The host of the shared Redis. */
  public static String host() {
    return URI.create(url()).getHost();
  }

  /** The port of the shared Redis. */
  public static int port() {
    int port = URI.create(url()).getPort();
    return port < 0 ? 6379 : port;
  }

  /** A key prefix no other test run uses. */
  public static String uniquePrefix(String name) {
    return "switchboard-test:" + name + ":" + Long.toString(System.nanoTime(), 36);
  }

  /** Deletes every key under the prefix (never anything else: the server is shared). */
  public static void deleteKeys(String prefix) {
    RedisClient client = RedisClient.create(url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(500);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands.scan(cursor, match);
        if (!page.getKeys().isEmpty()) {
          commands.del(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}

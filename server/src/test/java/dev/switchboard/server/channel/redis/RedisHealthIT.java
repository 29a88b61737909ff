package dev.switchboard.server.channel.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.server.testing.TcpProxy;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The Redis health indicator: against a Redis that nothing serves it says DEGRADED, and a node that
 * loses its Redis stays ready (200) and live while {@code /health} says DEGRADED, then UP again
 * when Redis is back.
 */
class RedisHealthIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void reportsDegradedForARedisNothingListensOn() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    try (RedisConnections connections =
        new RedisConnections(
            new RedisConfiguration(
                "redis://127.0.0.1:" + deadPort,
                TestRedis.uniquePrefix("health-down"),
                Duration.ofSeconds(1)))) {
      HealthResult result = Mono.from(new RedisHealthIndicator(connections).getResult()).block();

      assertEquals(RedisHealthIndicator.DEGRADED, result.getStatus());
      assertEquals(Map.of("redis", "unreachable"), result.getDetails());
    }
  }

  @Test
  void degradedOutranksUpAndDownOutranksDegraded() {
    // The overall status is the highest of the indicators': it must not depend on their order.
    assertTrue(RedisHealthIndicator.DEGRADED.compareTo(HealthStatus.UP) > 0);
    assertTrue(HealthStatus.UP.compareTo(RedisHealthIndicator.DEGRADED) < 0);
    assertTrue(HealthStatus.DOWN.compareTo(RedisHealthIndicator.DEGRADED) > 0);
    assertTrue(RedisHealthIndicator.DEGRADED.compareTo(HealthStatus.DOWN) < 0);
  }

  @Test
  void aNodeThatLosesRedisIsDegradedButStaysReadyAndLive() throws Exception {
    assumeTrue(TestService.REDIS.selection().available(), TestService.REDIS.selection()::reason);
    String prefix = TestRedis.uniquePrefix("health");
    try (TcpProxy redis = TcpProxy.to(TestRedis.host(), TestRedis.port());
        EmbeddedServer node = start("redis://127.0.0.1:" + redis.port(), prefix)) {
      JsonNode health = get(node, "/health");
      assertEquals("UP", health.get("status").getStringValue());
      assertEquals("reachable", redisDetail(health));

      redis.cut();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "DEGRADED".equals(get(node, "/health").get("status").getStringValue()));
      for (int i = 0; i < 5; i++) {
        JsonNode degraded = get(node, "/health");
        assertEquals("DEGRADED", degraded.get("status").getStringValue());
        assertEquals("unreachable", redisDetail(degraded));
      }
      assertEquals("DEGRADED", get(node, "/health/readiness").get("status").getStringValue());
      assertEquals("UP", get(node, "/health/liveness").get("status").getStringValue());

      redis.restore();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "UP".equals(get(node, "/health").get("status").getStringValue()));
    } finally {
      TestRedis.deleteKeys(prefix);
    }
  }

  private static EmbeddedServer start(String redisUrl, String prefix) throws IOException {
    return ApplicationContext.run(
        EmbeddedServer.class,
        Map.of(
            "micronaut.server.port", "-1",
            "switchboard.token", "sb_redis-health-it-token",
            "switchboard.data-dir",
                Files.createTempDirectory("switchboard-redis-health").toString(),
            "switchboard.broker", "redis",
            "switchboard.redis.url", redisUrl,
            "switchboard.redis.key-prefix", prefix,
            // Details are for authenticated callers by default; the test reads them.
            "endpoints.health.details-visible", "ANONYMOUS"));
  }

  /** GETs a health path, which must answer 200 whatever Redis does. */
  private static JsonNode get(EmbeddedServer node, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return node.getApplicationContext()
        .getBean(JsonMapper.class)
        .readValue(response.body(), JsonNode.class);
  }

  private static String redisDetail(JsonNode health) {
    return health
        .get("details")
        .get(RedisHealthIndicator.NAME)
        .get("details")
        .get(RedisHealthIndicator.NAME)
        .getStringValue();
  }
}

package dev.switchboard.server.channel.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * RedisConfiguration holds the {@code switchboard.redis.*} properties the Redis broker uses.
 *
 * @param url where Redis listens ({@code SWITCHBOARD_REDIS_URL}), e.g. {@code
 *     redis://:password@redis:6379/0} or {@code rediss://} for TLS
 * @param keyPrefix prepended to every key and pub/sub channel, so several deployments (or tests)
 *     can share one Redis
 * @param commandTimeout how long a caller may wait for Redis before the broker gives up on it; a
 *     publish that times out is still delivered on this node and counted as a failure
 */
@ConfigurationProperties("switchboard.redis")
public record RedisConfiguration(
    @Bindable(defaultValue = "redis://127.0.0.1:6379") String url,
    @Bindable(defaultValue = "switchboard") String keyPrefix,
    @Bindable(defaultValue = "1s") Duration commandTimeout) {

  /** Rejects settings the broker could not work with, naming the property to fix. */
  public RedisConfiguration {
    if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
      throw new IllegalArgumentException(
          "switchboard.redis.url (SWITCHBOARD_REDIS_URL) must be a redis:// or rediss:// URL,"
              + " such as redis://127.0.0.1:6379");
    }
    if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.contains("{")) {
      throw new IllegalArgumentException(
          "switchboard.redis.key-prefix must be non-blank and free of '{', was \""
              + keyPrefix
              + "\"");
    }
    if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException(
          "switchboard.redis.command-timeout must be a positive duration such as \"1s\", was "
              + commandTimeout);
    }
  }
}

package dev.switchboard.server.channel.redis;

import io.lettuce.core.RedisURI;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RedisConfiguration holds the {@code switchboard.redis.*} properties the Redis broker uses.
 *
 * @param url where Redis listens ({@code SWITCHBOARD_REDIS_URL}), e.g. {@code
 *     redis://:password@redis:6379/0} or {@code rediss://} for TLS; in cluster mode a
 *     comma-separated list of seed nodes, any of which leads the client to the others
 * @param keyPrefix prepended to every key and pub/sub channel, so several deployments (or tests)
 *     can share one Redis
 * @param commandTimeout how long a caller may wait for Redis before the broker gives up on it; a
 *     publish that times out is still delivered on this node and counted as a failure
 * @param mode {@code standalone} (one Redis, the default) or {@code cluster} (a Redis Cluster,
 *     Redis 7 or later for sharded pub/sub); {@code SWITCHBOARD_REDIS_MODE}
 * @param nodes the cluster's seed nodes as a list, instead of the comma list in {@code url}
 * @param topologyRefresh in cluster mode, how often the client rereads which node serves which
 *     slots even when nothing suggested a change (a failover or {@code MOVED} rereads at once)
 */
@ConfigurationProperties("switchboard.redis")
public record RedisConfiguration(
    @Bindable(defaultValue = "redis://127.0.0.1:6379") String url,
    @Bindable(defaultValue = "switchboard") String keyPrefix,
    @Bindable(defaultValue = "1s") Duration commandTimeout,
    @Bindable(defaultValue = "standalone") String mode,
    @Nullable List<String> nodes,
    @Bindable(defaultValue = "10s") Duration topologyRefresh) {

  /** Rejects settings the broker could not work with, naming the property to fix. */
  @Creator
  public RedisConfiguration {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    mode = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("standalone") && !mode.equals("cluster")) {
      throw new IllegalArgumentException(
          "switchboard.redis.mode (SWITCHBOARD_REDIS_MODE) must be standalone or cluster, was \""
              + mode
              + "\"");
    }
    List<String> seeds = seeds(url, nodes);
    for (String seed : seeds) {
      if (!(seed.startsWith("redis://") || seed.startsWith("rediss://"))) {
        throw new IllegalArgumentException(
            (nodes.isEmpty()
                    ? "switchboard.redis.url (SWITCHBOARD_REDIS_URL)"
                    : "switchboard.redis.nodes")
                + " must name redis:// or rediss:// URLs, such as redis://127.0.0.1:6379, was \""
                + seed
                + "\"");
      }
      if (mode.equals("cluster") && RedisURI.create(seed).getDatabase() != 0) {
        throw new IllegalArgumentException(
            "switchboard.redis.url names database "
                + RedisURI.create(seed).getDatabase()
                + " in \""
                + redacted(seed)
                + "\", but a Redis Cluster has database 0 only");
      }
    }
    if (mode.equals("standalone") && seeds.size() != 1) {
      throw new IllegalArgumentException(
          "switchboard.redis.url names "
              + seeds.size()
              + " Redis nodes, but switchboard.redis.mode is standalone: name one, or set"
              + " switchboard.redis.mode: cluster to use them as a cluster's seed nodes");
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
    if (topologyRefresh == null || topologyRefresh.toMillis() < 100) {
      throw new IllegalArgumentException(
          "switchboard.redis.topology-refresh must be a duration of at least 100ms such as"
              + " \"10s\", was "
              + topologyRefresh);
    }
  }

  /** One standalone Redis at {@code url}. */
  public RedisConfiguration(String url, String keyPrefix, Duration commandTimeout) {
    this(url, keyPrefix, commandTimeout, "standalone", List.of(), Duration.ofSeconds(10));
  }

  /** A Redis Cluster reached through these seed nodes. */
  public static RedisConfiguration cluster(
      List<String> seeds, String keyPrefix, Duration commandTimeout, Duration topologyRefresh) {
    return new RedisConfiguration(
        seeds.get(0), keyPrefix, commandTimeout, "cluster", seeds, topologyRefresh);
  }

  /** Whether the broker talks to a Redis Cluster. */
  public boolean cluster() {
    return mode.equals("cluster");
  }

  /** The seed nodes: {@link #nodes} when given, else the comma-separated {@link #url}. */
  public List<String> seeds() {
    return seeds(url, nodes);
  }

  private static List<String> seeds(@Nullable String url, List<String> nodes) {
    List<String> seeds = new ArrayList<>();
    if (!nodes.isEmpty()) {
      nodes.forEach(node -> seeds.add(node.trim()));
    } else if (url != null) {
      for (String part : url.split(",")) {
        if (!part.isBlank()) {
          seeds.add(part.trim());
        }
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException(
          "switchboard.redis.url (SWITCHBOARD_REDIS_URL) must name a Redis, such as"
              + " redis://127.0.0.1:6379");
    }
    return seeds;
  }

  /** The URL without its password, for logs and errors. */
  static String redacted(String url) {
    return url.replaceFirst("//[^@/]*@", "//***@");
  }
}

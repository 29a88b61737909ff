package dev.switchboard.server.channel.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RedisConnections owns a node's Lettuce clients, set up so that Redis trouble never holds a caller
 * for long: commands time out after {@code switchboard.redis.command-timeout}, commands issued
 * while disconnected fail at once instead of queueing, and connections come back on their own
 * (retrying after 100 ms, backing off to 2 s). Created only with {@code switchboard.broker: redis}.
 *
 * <p>In cluster mode ({@code switchboard.redis.mode: cluster}) commands go through Lettuce's
 * cluster client, which routes each to the master owning its key's slot and rereads the topology on
 * {@code MOVED}, on persistent reconnects and every {@code topology-refresh}; pub/sub goes through
 * {@link ShardedSubscriber}, one connection per master that owns subscribed channels.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisConnections implements AutoCloseable {

  private final RedisConfiguration configuration;
  private final ClientResources resources;
  private final RedisClient client;
  private final @Nullable RedisClusterClient clusterClient;
  private @Nullable StatefulConnection<String, String> connection;
  private @Nullable RedisClusterCommands<String, String> commands;

  /** Creates the clients; connections are opened by the beans that use them. */
  @Inject
  public RedisConnections(RedisConfiguration configuration) {
    this.configuration = configuration;
    Duration timeout = configuration.commandTimeout();
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    List<RedisURI> seeds = configuration.seeds().stream().map(this::uri).toList();
    // The plain client serves standalone mode, and in cluster mode opens the pub/sub connection to
    // each master (sharded pub/sub is per node).
    this.client = RedisClient.create(resources, seeds.get(0));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .build());
    if (configuration.cluster()) {
      this.clusterClient = RedisClusterClient.create(resources, seeds);
      clusterClient.setOptions(
          ClusterClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(TimeoutOptions.enabled(timeout))
              .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enablePeriodicRefresh(configuration.topologyRefresh())
                      .enableAllAdaptiveRefreshTriggers()
                      // Lettuce's default waits 30 s between adaptive refreshes: a failover that
                      // takes two refreshes to be seen would be seen half a minute late.
                      .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                      .refreshTriggersReconnectAttempts(2)
                      .build())
              .build());
    } else {
      this.clusterClient = null;
    }
  }

  /** The settings the clients were made from. */
  public RedisConfiguration configuration() {
    return configuration;
  }

  /** Whether this node talks to a Redis Cluster. */
  public boolean cluster() {
    return clusterClient != null;
  }

  /** The standalone client: the one Redis, or in cluster mode any single node. */
  public RedisClient client() {
    return client;
  }

  /** The cluster client; only in cluster mode. */
  RedisClusterClient clusterClient() {
    if (clusterClient == null) {
      throw new IllegalStateException("switchboard.redis.mode is standalone: no cluster client");
    }
    return clusterClient;
  }

  /**
   * The node's command connection, shared by the broker and the run lock (Lettuce connections are
   * thread-safe and pipeline concurrent commands); opened on first use. In cluster mode each
   * command goes to the master of its first key's slot.
   */
  public synchronized RedisClusterCommands<String, String> commands() {
    if (commands == null) {
      if (clusterClient != null) {
        StatefulRedisClusterConnection<String, String> opened = clusterClient.connect();
        connection = opened;
        commands = opened.sync();
      } else {
        var opened = client.connect();
        connection = opened;
        commands = opened.sync();
      }
    }
    return commands;
  }

  /**
   * Opens what carries this node's subscriptions: one pub/sub connection ({@code SUBSCRIBE}) on a
   * standalone Redis, per-master connections ({@code SSUBSCRIBE}) on a cluster.
   */
  RedisSubscriber subscriber(String name, RedisSubscriber.Listener listener) {
    return clusterClient != null
        ? new ShardedSubscriber(this, name, listener)
        : new PlainSubscriber(client, listener);
  }

  /** A key under the configured prefix. */
  public String key(String suffix) {
    return configuration.keyPrefix() + ":" + suffix;
  }

  /**
   * A key of one channel or session: {@code <prefix>:{<tag>}:<suffix>}. Redis Cluster hashes only
   * what is between the braces, so every key (and sharded pub/sub channel) with one tag lives in
   * one slot, and one Lua script may touch them all.
   */
  public String taggedKey(String tag, String suffix) {
    return configuration.keyPrefix() + ":{" + tag + "}:" + suffix;
  }

  /**
   * Which part of Redis serves the key, as far as failures go: the master that owns its slot in
   * cluster mode (a failed master stops its slots, not the others), the one Redis otherwise.
   */
  Object shardOf(String key) {
    if (clusterClient == null) {
      return this;
    }
    int slot = SlotHash.getSlot(key);
    try {
      RedisClusterNode owner = clusterClient.getPartitions().getMasterBySlot(slot);
      return owner == null ? "slot:" + slot : owner.getNodeId();
    } catch (RuntimeException e) {
      return "slot:" + slot; // no topology known yet: the cluster could not be reached
    }
  }

  /** A seed's URI with the command timeout (Lettuce's own default is a minute). */
  RedisURI uri(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(configuration.commandTimeout());
    return uri;
  }

  /** The URI of one cluster node, with the seeds' credentials, TLS and timeout. */
  RedisURI nodeUri(RedisClusterNode node) {
    RedisURI seed = uri(configuration.seeds().get(0));
    return RedisURI.builder(seed)
        .withHost(node.getUri().getHost())
        .withPort(node.getUri().getPort())
        .build();
  }

  /** Closes every connection of the clients and releases their threads. */
  @Override
  @PreDestroy
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    if (clusterClient != null) {
      clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}

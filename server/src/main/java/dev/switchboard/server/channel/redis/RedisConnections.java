package dev.switchboard.server.channel.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * RedisConnections owns a node's Lettuce client, set up so that Redis trouble never holds a caller
 * for long: commands time out after {@code switchboard.redis.command-timeout}, commands issued
 * while disconnected fail at once instead of queueing, and connections come back on their own
 * (retrying after 100 ms, backing off to 2 s). Created only with {@code switchboard.broker: redis}.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisConnections implements AutoCloseable {

  private final RedisConfiguration configuration;
  private final ClientResources resources;
  private final RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  /** Creates the client; connections are opened by the beans that use them. */
  @Inject
  public RedisConnections(RedisConfiguration configuration) {
    this.configuration = configuration;
    Duration timeout = configuration.commandTimeout();
    RedisURI uri = RedisURI.create(configuration.url());
    uri.setTimeout(timeout);
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .build());
  }

  /** The settings the client was made from. */
  public RedisConfiguration configuration() {
    return configuration;
  }

  /** The client, for opening connections. */
  public RedisClient client() {
    return client;
  }

  /**
   * The node's command connection, shared by the broker and the run lock (Lettuce connections are
   * thread-safe and pipeline concurrent commands); opened on first use.
   */
  public synchronized RedisCommands<String, String> commands() {
    if (connection == null) {
      connection = client.connect();
    }
    return connection.sync();
  }

  /** A key under the configured prefix. */
  public String key(String suffix) {
    return configuration.keyPrefix() + ":" + suffix;
  }

  /** Closes every connection of the client and releases its threads. */
  @Override
  @PreDestroy
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}

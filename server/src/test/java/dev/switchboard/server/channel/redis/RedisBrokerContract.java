package dev.switchboard.server.channel.redis;

import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.BrokerContract;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * RedisBrokerContract runs the broker contract against Redis brokers, standalone or cluster: each
 * broker over connections of its own, closed with it, and its history kept in Redis.
 */
abstract class RedisBrokerContract extends BrokerContract {

  private final Map<Broker, RedisConnections> connections = new HashMap<>();

  @Override
  protected boolean keepsHistoryOnTheNode() {
    return false;
  }

  @Override
  protected void release(Broker broker) {
    ((RedisBroker) broker).close();
    connections.get(broker).close();
  }

  /** A broker over new connections to {@code redis}, reading time from the test's clock. */
  protected final RedisBroker redisBroker(
      RedisConfiguration redis, ChannelStreamsConfiguration bounds, MeterRegistry meters) {
    RedisConnections opened = new RedisConnections(redis);
    RedisBroker broker = new RedisBroker(bounds, opened, meters, clock);
    connections.put(broker, opened);
    return broker;
  }

  /** The connections a broker made by {@link #redisBroker} uses. */
  protected final RedisConnections connectionsOf(Broker broker) {
    return connections.get(broker);
  }
}

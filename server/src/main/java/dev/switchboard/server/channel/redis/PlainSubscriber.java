package dev.switchboard.server.channel.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletableFuture;

/**
 * PlainSubscriber is the standalone {@link RedisSubscriber}: one pub/sub connection with plain
 * {@code SUBSCRIBE}, which Lettuce makes again by itself after a reconnect.
 */
final class PlainSubscriber implements RedisSubscriber {

  private final StatefulRedisPubSubConnection<String, String> connection;

  PlainSubscriber(RedisClient client, Listener listener) {
    this.connection = client.connectPubSub();
    connection.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            listener.onMessage(channel, message);
          }

          @Override
          public void subscribed(String channel, long count) {
            listener.onSubscribed(channel);
          }
        });
  }

  /** Subscribes and waits for Redis to confirm (bounded by the command timeout). */
  @Override
  public CompletableFuture<Void> subscribe(String channel) {
    connection.sync().subscribe(channel);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void unsubscribe(String channel) {
    connection.async().unsubscribe(channel);
  }

  @Override
  public void close() {
    connection.close();
  }
}

package dev.switchboard.server.channel.redis;

import dev.switchboard.server.session.agent.CancelForwarding;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedisCancelForwarding announces a {@code cancel} on the pub/sub channel {@code <prefix>:cancels}
 * as {@code "<sessionId> <messageId>"} (ids never contain a space); every node listens and stops
 * the reply if it runs it. Only sent for a reply the session's run lock says is running, so nodes
 * see a message only when one of them has work to do.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
final class RedisCancelForwarding implements CancelForwarding, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisCancelForwarding.class);

  private final RedisConnections connections;
  private final String channel;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final ExecutorService stopThread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "switchboard-redis-cancels");
            thread.setDaemon(true);
            return thread;
          });
  private volatile BiConsumer<String, String> stop = (sessionId, messageId) -> {};

  RedisCancelForwarding(RedisConnections connections) {
    this.connections = connections;
    this.channel = connections.key("cancels");
    this.pubSub = connections.client().connectPubSub();
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String from, String message) {
            int space = message.indexOf(' ');
            if (space > 0) {
              String sessionId = message.substring(0, space);
              String messageId = message.substring(space + 1);
              // Lettuce's I/O thread must not stop processes.
              stopThread.execute(() -> stop.accept(sessionId, messageId));
            }
          }
        });
    pubSub.sync().subscribe(channel);
  }

  @Override
  public boolean forward(String sessionId, String messageId) {
    try {
      connections.commands().publish(channel, sessionId + " " + messageId);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Could not forward the cancel of reply {}: {}", messageId, e.toString());
      return false;
    }
  }

  @Override
  public void receiveWith(BiConsumer<String, String> stop) {
    this.stop = stop;
  }

  @Override
  @PreDestroy
  public void close() {
    pubSub.close();
    stopThread.shutdownNow();
  }
}

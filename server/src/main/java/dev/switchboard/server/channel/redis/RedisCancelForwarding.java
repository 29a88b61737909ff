package dev.switchboard.server.channel.redis;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.session.agent.CancelForwarding;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedisCancelForwarding carries a {@code cancel} to the node running the reply, as {@code
 * "<sessionId> <messageId>"} (ids never contain a space), which stops the reply if it runs it. Only
 * sent for a reply the session's run lock says is running, so nodes see a message only when one of
 * them has work to do.
 *
 * <p>On a standalone Redis every node listens on one pub/sub channel, {@code <prefix>:cancels}. On
 * a cluster the cancel goes with {@code SPUBLISH} to the session's own sharded channel {@code
 * <prefix>:{session:<id>}:cancels}, in the slot of the session's channel and run lock, which only
 * the node holding the session's run lock subscribes to ({@link #holding}, {@link #released}).
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
final class RedisCancelForwarding implements CancelForwarding, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisCancelForwarding.class);

  private final RedisConnections connections;
  private final String channel;
  private final RedisSubscriber subscriber;
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
    this.subscriber =
        connections.subscriber(
            "cancels",
            new RedisSubscriber.Listener() {
              @Override
              public void onMessage(String from, String message) {
                int space = message.indexOf(' ');
                if (space > 0) {
                  String sessionId = message.substring(0, space);
                  String messageId = message.substring(space + 1);
                  // Lettuce's I/O thread must not stop processes.
                  stopThread.execute(() -> stop.accept(sessionId, messageId));
                }
              }

              @Override
              public void onSubscribed(String channel) {}
            });
    if (!connections.cluster()) {
      subscriber.subscribe(channel);
    }
  }

  @Override
  public boolean forward(String sessionId, String messageId) {
    try {
      if (connections.cluster()) {
        connections.commands().spublish(sessionChannel(sessionId), sessionId + " " + messageId);
      } else {
        connections.commands().publish(channel, sessionId + " " + messageId);
      }
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

  /**
   * This node took the session's run lock: on a cluster, listens for cancels of the session,
   * waiting (up to the command timeout) for Redis to confirm, so a cancel sent right after the
   * reply starts is heard.
   */
  void holding(String sessionId) {
    if (!connections.cluster()) {
      return;
    }
    try {
      subscriber
          .subscribe(sessionChannel(sessionId))
          .get(connections.configuration().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn(
          "Cancels of session {} may not reach this node until Redis confirms the subscription:"
              + " {}",
          sessionId,
          e.toString());
    }
  }

  /** This node released the session's run lock: on a cluster, stops listening for its cancels. */
  void released(String sessionId) {
    if (connections.cluster()) {
      subscriber.unsubscribe(sessionChannel(sessionId));
    }
  }

  private String sessionChannel(String sessionId) {
    return connections.taggedKey(Channels.session(sessionId), "cancels");
  }

  @Override
  @PreDestroy
  public void close() {
    subscriber.close();
    stopThread.shutdownNow();
  }
}

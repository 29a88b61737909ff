package dev.switchboard.server.channel.redis;

import java.util.concurrent.CompletableFuture;

/**
 * RedisSubscriber carries a node's pub/sub subscriptions: plain {@code SUBSCRIBE} on a standalone
 * Redis ({@link PlainSubscriber}), sharded {@code SSUBSCRIBE} on each cluster master that owns a
 * subscribed channel's slot ({@link ShardedSubscriber}). Either way subscriptions outlive broken
 * connections: they are made again once a connection (or, on a cluster, the slot's new master)
 * answers, and {@link Listener#onSubscribed} says so each time, so the caller can catch up on what
 * was published meanwhile.
 */
interface RedisSubscriber extends AutoCloseable {

  /**
   * Subscribes to the channel; the future completes once Redis confirmed it (or fails if it could
   * not be made now, in which case it is retried when the topology or connection changes).
   */
  CompletableFuture<Void> subscribe(String channel);

  /** Ends the subscription to the channel; does nothing for a channel not subscribed. */
  void unsubscribe(String channel);

  /** Closes the subscriber's connections. */
  @Override
  void close();

  /**
   * Receives messages and confirmations, on a Lettuce I/O thread: implementations must hand work
   * that waits (a channel lock, a Redis reply) to a thread of their own.
   */
  interface Listener {

    /** A message published on a subscribed channel. */
    void onMessage(String channel, String message);

    /**
     * Redis confirmed a subscription to the channel: the first time, or again after a reconnect or
     * on the master that took over the channel's slot, when messages may have been missed.
     */
    void onSubscribed(String channel);
  }
}

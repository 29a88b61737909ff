package dev.switchboard.server.channel.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.core.annotation.Nullable;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShardedSubscriber is the cluster's {@link RedisSubscriber}: each subscribed channel is {@code
 * SSUBSCRIBE}d on the master that owns its slot, over one pub/sub connection per such master, so a
 * {@code SPUBLISH} reaches only the shard that owns the channel and the nodes subscribed there.
 *
 * <p>Written here rather than taken from Lettuce's cluster pub/sub, which does not move a sharded
 * subscription to a slot's new master: node connections keep reconnecting to a dead node (lettuce
 * issue 2356) and sharded subscriptions are not made again when their shard changes (issue 3213).
 * Here every quarter second the owner of each channel's slot is looked up in the cluster client's
 * topology (which Lettuce rereads on {@code MOVED}, on reconnect attempts and periodically; this
 * class also asks for a reread while a subscribed master is unreachable), and a channel whose slot
 * moved is subscribed on its new owner. A link that comes back after a break subscribes its
 * channels again. Every confirmed subscription is reported through {@link Listener#onSubscribed},
 * which is where the caller catches up on what it missed.
 *
 * <p>All state is kept on one thread; Lettuce's I/O threads only pass messages and confirmations.
 */
final class ShardedSubscriber implements RedisSubscriber {

  private static final Logger LOG = LoggerFactory.getLogger(ShardedSubscriber.class);
  private static final long CHECK_EVERY_MS = 250;
  private static final long REFRESH_AT_MOST_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final RedisConnections connections;
  private final Listener listener;
  private final ScheduledExecutorService thread;
  private final Map<String, Channel> channels = new HashMap<>();
  private final Map<String, Link> links = new HashMap<>();
  // Masters a link could not be opened to, by node id, and until when they are not tried again:
  // channels of a dead master's slots do not each wait for a connect until a replica takes over.
  private final Map<String, Long> unreachableUntil = new HashMap<>();
  private long refreshedAtNanos = System.nanoTime() - REFRESH_AT_MOST_EVERY_NANOS;
  private boolean closed;

  ShardedSubscriber(RedisConnections connections, String name, Listener listener) {
    this.connections = connections;
    this.listener = listener;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread daemon = new Thread(task, "switchboard-redis-shards-" + name);
              daemon.setDaemon(true);
              return daemon;
            });
    connections
        .client()
        .addListener(
            new RedisConnectionStateListener() {
              @Override
              public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress at) {
                run(() -> reconnected(connection));
              }

              @Override
              public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                run(() -> disconnected(connection));
              }
            });
    thread.scheduleWithFixedDelay(
        this::check, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Void> subscribe(String channel) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    run(
        () -> {
          Channel c = channels.computeIfAbsent(channel, Channel::new);
          if (c.confirmed) {
            confirmed.complete(null);
            return;
          }
          c.waiting.add(confirmed);
          if (c.link == null) {
            place(c);
          }
        });
    return confirmed;
  }

  @Override
  public void unsubscribe(String channel) {
    run(
        () -> {
          Channel c = channels.remove(channel);
          if (c != null) {
            leave(c, true);
            c.waiting.forEach(f -> f.completeExceptionally(new CancellationException(channel)));
          }
        });
  }

  @Override
  public void close() {
    run(
        () -> {
          closed = true;
          links.values().forEach(link -> link.connection.closeAsync());
          links.clear();
          channels.clear();
        });
    thread.shutdown();
  }

  // --- On the subscriber's thread -------------------------------------------------------------

  /** Subscribes the channel on the master owning its slot, if the topology names one. */
  private void place(Channel c) {
    RedisClusterNode owner = owner(c);
    if (owner == null) {
      return; // no master for the slot now: the check retries after a topology refresh
    }
    Link link = links.get(owner.getNodeId());
    if (link == null) {
      Long until = unreachableUntil.get(owner.getNodeId());
      if (until != null && System.nanoTime() - until < 0) {
        return;
      }
      try {
        link = new Link(owner, connections.client().connectPubSub(connections.nodeUri(owner)));
      } catch (RuntimeException e) {
        LOG.debug(
            "Cannot reach master {} for sharded subscriptions: {}", owner.getUri(), e.toString());
        unreachableUntil.put(owner.getNodeId(), System.nanoTime() + REFRESH_AT_MOST_EVERY_NANOS);
        return;
      }
      unreachableUntil.remove(owner.getNodeId());
      links.put(owner.getNodeId(), link);
    }
    c.link = link;
    link.channels.add(c.name);
    subscribeOn(c, link);
  }

  private void subscribeOn(Channel c, Link link) {
    c.confirmed = false;
    link.connection
        .async()
        .ssubscribe(c.name)
        .whenComplete((ok, failure) -> run(() -> confirmed(c, link, failure)));
  }

  private void confirmed(Channel c, Link link, @Nullable Throwable failure) {
    if (channels.get(c.name) != c || c.link != link) {
      return; // unsubscribed or moved meanwhile
    }
    if (failure != null) {
      LOG.debug("SSUBSCRIBE {} on {} failed: {}", c.name, link.node.getUri(), failure.toString());
      leave(c, false); // retried by the check
      return;
    }
    c.confirmed = true;
    List<CompletableFuture<Void>> waiting = new ArrayList<>(c.waiting);
    c.waiting.clear();
    waiting.forEach(f -> f.complete(null));
    listener.onSubscribed(c.name);
  }

  /** Takes the channel off its link, closing the link when it carries no channel any more. */
  private void leave(Channel c, boolean unsubscribe) {
    Link link = c.link;
    c.link = null;
    c.confirmed = false;
    if (link == null) {
      return;
    }
    link.channels.remove(c.name);
    if (link.channels.isEmpty()) {
      links.remove(link.node.getNodeId(), link);
      link.connection.closeAsync();
    } else if (unsubscribe && link.connection.isOpen()) {
      link.connection.async().sunsubscribe(c.name);
    }
  }

  /**
   * Moves channels whose slot has another master now, and places those that have none; asks the
   * cluster client to reread the topology while a link is down or a channel has no master.
   */
  private void check() {
    if (closed) {
      return;
    }
    try {
      boolean stuck = false;
      for (Link link : links.values()) {
        stuck |= !link.connection.isOpen();
      }
      for (Channel c : channels.values()) {
        stuck |= c.link == null;
      }
      if (stuck && System.nanoTime() - refreshedAtNanos >= REFRESH_AT_MOST_EVERY_NANOS) {
        refreshedAtNanos = System.nanoTime();
        connections.clusterClient().refreshPartitions();
      }
      for (Channel c : new ArrayList<>(channels.values())) {
        RedisClusterNode owner = owner(c);
        if (c.link == null
            || (owner != null && !owner.getNodeId().equals(c.link.node.getNodeId()))) {
          if (c.link != null) {
            LOG.info("Channel {} moved to master {}; subscribing there", c.name, owner.getUri());
          }
          leave(c, true);
          place(c);
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Sharded subscription check failed: {}", e.toString());
    }
  }

  private void disconnected(RedisChannelHandler<?, ?> connection) {
    for (Link link : links.values()) {
      if (link.connection == connection) {
        link.down = true;
      }
    }
  }

  /**
   * A link back after a break: its channels are subscribed again (Redis takes a repeated {@code
   * SSUBSCRIBE} as a no-op) and each confirmation makes the caller catch up on the break.
   */
  private void reconnected(RedisChannelHandler<?, ?> connection) {
    for (Link link : links.values()) {
      if (link.connection == connection && link.down) {
        link.down = false;
        for (String name : link.channels) {
          Channel c = channels.get(name);
          if (c != null) {
            subscribeOn(c, link);
          }
        }
      }
    }
  }

  private @Nullable RedisClusterNode owner(Channel c) {
    return connections.clusterClient().getPartitions().getMasterBySlot(c.slot);
  }

  private void run(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Subscriber closed; dropped a task");
    }
  }

  /** One subscribed channel and the link it is subscribed on. */
  private static final class Channel {
    final String name;
    final int slot;
    final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    @Nullable Link link;
    boolean confirmed;

    Channel(String name) {
      this.name = name;
      this.slot = SlotHash.getSlot(name);
    }
  }

  /** One master's pub/sub connection and the channels subscribed on it. */
  private final class Link {
    final RedisClusterNode node;
    final StatefulRedisPubSubConnection<String, String> connection;
    final Set<String> channels = new HashSet<>();
    boolean down;

    Link(RedisClusterNode node, StatefulRedisPubSubConnection<String, String> connection) {
      this.node = node;
      this.connection = connection;
      connection.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String channel, String message) {
              listener.onMessage(channel, message);
            }
          });
    }
  }
}

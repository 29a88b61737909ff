package dev.switchboard.server.channel.redis;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.BrokerEvents;
import dev.switchboard.server.channel.BrokerUnavailableException;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.EncodedFrame;
import dev.switchboard.server.channel.Epochs;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedisBroker is the {@link Broker} for several nodes ({@code switchboard.broker: redis}): Redis
 * numbers every channel's events, keeps their history and announces them (see {@link
 * RedisChannelStore}); each node's {@code ChannelHub} delivers them to its own listeners.
 *
 * <p>Events of other nodes arrive over pub/sub and are handed to the hub on one fan-out thread, in
 * the order Redis announced them. On a standalone Redis that is one subscription every node holds;
 * when it comes back after a break, the hub is told to catch up from history. On a cluster each
 * channel this node listens to is subscribed on its own sharded channel, on the master owning its
 * slot (see {@link ShardedSubscriber}); each time such a subscription is confirmed (first made,
 * made again after a break or on a new master after a failover) the channel alone catches up: its
 * position is reread, which also reveals an epoch changed by a failover, and its latest event is
 * handed to the hub, which fills any gap before it from history.
 *
 * <p>A command that fails or outlives the client's timeout is thrown as {@link
 * BrokerUnavailableException}, and the hub serves the channel alone; on a cluster only channels
 * whose slots the failing master owns are affected ({@link #failureDomain}).
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisBroker implements Broker, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

  private final Clock clock;
  private final String node = Epochs.next();
  private final RedisConnections connections;
  private final RedisChannelStore store;
  private final ExecutorService fanOutThread;
  private final AtomicBoolean subscribedOnce = new AtomicBoolean();
  // Cluster: sharded channel -> the channel it announces, for the channels this node listens to.
  private final Map<String, ChannelName> listenedChannels = new ConcurrentHashMap<>();
  private @Nullable RedisSubscriber subscriber;

  private final Counter published;
  private final Timer fanOutLag;

  /** Prepares the broker; {@link #start} connects the pub/sub subscription. */
  @Inject
  public RedisBroker(
      ChannelStreamsConfiguration configuration,
      RedisConnections connections,
      MeterRegistry meters,
      @Nullable Clock clock) {
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.connections = connections;
    this.published =
        Counter.builder("switchboard.redis.publishes")
            .description("Events numbered and recorded in Redis by this node")
            .register(meters);
    this.fanOutLag =
        Timer.builder("switchboard.redis.fanout.lag")
            .description("From publish on another node to delivery on this one")
            .register(meters);
    this.fanOutThread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "switchboard-redis-fanout");
              thread.setDaemon(true);
              return thread;
            });
    this.store = new RedisChannelStore(connections, node, configuration);
  }

  @Override
  public StreamEvent append(ChannelName channel, EncodedFrame frame, long publishedAtMs) {
    StreamPosition position =
        call(
            "publish",
            () ->
                store.publish(
                    channel,
                    channel.kind().recoverable(),
                    frame.prefix(),
                    frame.suffix(),
                    publishedAtMs,
                    Epochs.next()));
    published.increment();
    return new StreamEvent(
        channel,
        position.epoch(),
        position.offset(),
        publishedAtMs,
        frame.withOffset(position.offset()));
  }

  @Override
  public StreamRead read(ChannelName channel, @Nullable StreamPosition since) {
    return call("read", () -> store.read(channel, since, clock.millis(), Epochs.next()));
  }

  @Override
  public StreamPosition position(ChannelName channel) {
    return read(channel, null).position();
  }

  @Override
  public StreamPosition newEpoch(ChannelName channel) {
    return call("new epoch", () -> store.newEpoch(channel, Epochs.next(), clock.millis()));
  }

  /**
   * Subscribes to what other nodes announce and hands it to {@code events}: at once on a standalone
   * Redis, channel by channel as they are listened to on a cluster.
   */
  @Override
  public synchronized void start(BrokerEvents events) {
    if (subscriber != null) {
      throw new IllegalStateException("The Redis broker is already started");
    }
    boolean cluster = connections.cluster();
    subscriber =
        connections.subscriber(
            "fanout",
            new RedisSubscriber.Listener() {
              @Override
              public void onMessage(String channel, String message) {
                // Lettuce's I/O thread must never wait on a channel lock or a Redis reply.
                runOnFanOut(() -> onAnnouncement(events, message));
              }

              @Override
              public void onSubscribed(String channel) {
                if (cluster) {
                  ChannelName name = listenedChannels.get(channel);
                  if (name != null && name.kind().recoverable()) {
                    runOnFanOut(() -> catchUp(events, name));
                  }
                } else if (!subscribedOnce.compareAndSet(false, true)) {
                  LOG.info("Resubscribed to {}; catching up on missed events", channel);
                  runOnFanOut(events::onResumed);
                }
              }
            });
    if (!cluster) {
      subscriber.subscribe(store.eventsChannel());
    }
    LOG.info(
        "Redis broker node {} on {} Redis {} (key prefix {})",
        node,
        connections.configuration().mode(),
        RedisConfiguration.redacted(connections.configuration().url()),
        connections.configuration().keyPrefix());
  }

  /** On a cluster, subscribes to the channel's sharded channel while this node listens to it. */
  @Override
  public void listened(ChannelName channel, boolean listened) {
    RedisSubscriber shards = subscriber;
    if (shards == null || !connections.cluster()) {
      return;
    }
    String sharded = store.eventsChannel(channel);
    if (listened) {
      listenedChannels.put(sharded, channel);
      shards.subscribe(sharded);
    } else {
      listenedChannels.remove(sharded);
      shards.unsubscribe(sharded);
    }
  }

  /** The master owning the channel's slot on a cluster; the one Redis otherwise. */
  @Override
  public Object failureDomain(ChannelName channel) {
    return connections.shardOf(store.metaKey(channel));
  }

  @Override
  public String meterPrefix() {
    return "switchboard.redis";
  }

  /** Stops listening; the command connection belongs to {@link RedisConnections}. */
  @Override
  @PreDestroy
  public synchronized void close() {
    if (subscriber != null) {
      subscriber.close();
    }
    fanOutThread.shutdownNow();
  }

  private void onAnnouncement(BrokerEvents events, String message) {
    RedisChannelStore.Announcement announcement = RedisChannelStore.parse(message);
    if (announcement == null) {
      LOG.warn("Ignoring a message of unknown format on the events channel");
      return;
    }
    if (announcement.node().equals(node)) {
      return; // the hub delivered it when it was published
    }
    StreamEvent event = announcement.event();
    if (announcement.isNewEpoch()) {
      events.onNewEpoch(event.channel(), new StreamPosition(event.epoch(), event.offset()));
    } else if (events.onEvent(event)) {
      fanOutLag.record(Duration.ofMillis(Math.max(0, clock.millis() - event.publishedAtMs())));
    }
  }

  /**
   * Brings the hub up to date on one channel after its subscription was (re)confirmed: a changed
   * epoch resets its listeners, and the latest event lets the hub fill what it missed from history.
   */
  private void catchUp(BrokerEvents events, ChannelName channel) {
    if (!listenedChannels.containsKey(store.eventsChannel(channel))) {
      return;
    }
    try {
      long now = clock.millis();
      StreamPosition position = store.read(channel, null, now, Epochs.next()).position();
      events.onNewEpoch(channel, position);
      if (position.offset() > 0) {
        StreamPosition before = new StreamPosition(position.epoch(), position.offset() - 1);
        StreamRead latest = store.read(channel, before, now, Epochs.next());
        if (latest.missed() != null && !latest.missed().isEmpty()) {
          events.onEvent(latest.missed().get(latest.missed().size() - 1));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not catch up on {} after subscribing: {}", channel, e.toString());
    }
  }

  private <T> T call(String operation, Supplier<T> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      throw new BrokerUnavailableException("Redis " + operation + " failed: " + e, e);
    }
  }

  private void runOnFanOut(Runnable task) {
    try {
      fanOutThread.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Broker closed; dropped a task");
    }
  }
}

package dev.switchboard.server.channel.redis;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.Epochs;
import dev.switchboard.server.channel.FrameEncoder;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.channel.Subscription;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedisBroker is the {@link Broker} for several nodes ({@code switchboard.broker: redis}): Redis
 * numbers every channel's events, keeps their history and announces them (see {@link
 * RedisChannelStore}); each node delivers them to its own listeners.
 *
 * <p>A node keeps, per channel it has listeners for, the position it has delivered up to. Events it
 * publishes are delivered at once, in the caller's thread; events of other nodes arrive over one
 * pub/sub subscription and are delivered on one fan-out thread. A gap (an announcement lost while
 * the pub/sub connection was down, say) is filled from the channel's history in Redis; when history
 * no longer holds it, or the channel's epoch changed, the listeners are reset ({@link
 * StreamListener#onReset}) so their clients resubscribe and learn {@code recovered: false}.
 *
 * <p>When Redis cannot be reached the node keeps serving its own clients: the channel is detached
 * under a new epoch known only to this node, its listeners are reset, and events published here are
 * delivered here (and counted as failed publishes). Once Redis answers again the channel gets a new
 * epoch in Redis too if events were published while detached, so no client anywhere takes its
 * position for a whole one. After a failure the node waits a second before trying Redis again, so
 * callers are not each held for the command timeout.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisBroker implements Broker, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
  private static final String PLACEHOLDER = Long.toString(FrameEncoder.OFFSET_PLACEHOLDER);
  private static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Clock clock;
  private final String node = Epochs.next();
  private final RedisChannelStore store;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final ScheduledExecutorService fanOutThread;
  private final ExecutorService resetThread;
  private final Map<String, NodeChannel> channels = new ConcurrentHashMap<>();
  private final AtomicInteger detachedChannels = new AtomicInteger();
  private final AtomicBoolean subscribedOnce = new AtomicBoolean();
  private volatile long redisRetryAtNanos = System.nanoTime();

  private final Counter published;
  private final MeterRegistry meters;
  private final Counter resets;
  private final Counter repairs;
  private final Timer fanOutLag;

  /** Connects to Redis and starts listening for other nodes' events. */
  @Inject
  public RedisBroker(
      ChannelStreamsConfiguration configuration,
      RedisConnections connections,
      MeterRegistry meters,
      @Nullable Clock clock) {
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.meters = meters;
    this.published =
        Counter.builder("switchboard.redis.publishes")
            .description("Events numbered and recorded in Redis by this node")
            .register(meters);
    this.resets =
        Counter.builder("switchboard.redis.resets")
            .description("Listeners ended because their stream could not continue without a gap")
            .register(meters);
    this.repairs =
        Counter.builder("switchboard.redis.repairs")
            .description("Gaps in other nodes' announcements filled from Redis history")
            .register(meters);
    this.fanOutLag =
        Timer.builder("switchboard.redis.fanout.lag")
            .description("From publish on another node to delivery on this one")
            .register(meters);
    Gauge.builder("switchboard.redis.detached.channels", detachedChannels, AtomicInteger::get)
        .description("Channels this node serves alone because Redis could not be reached")
        .register(meters);
    this.fanOutThread =
        Executors.newSingleThreadScheduledExecutor(daemon("switchboard-redis-fanout"));
    this.resetThread = Executors.newSingleThreadExecutor(daemon("switchboard-redis-reset"));
    this.store = new RedisChannelStore(connections, node, configuration);
    this.pubSub = connections.client().connectPubSub();
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            // Lettuce's I/O thread must never wait on a channel lock or a Redis reply.
            runOn(fanOutThread, () -> onAnnouncement(message));
          }

          @Override
          public void subscribed(String channel, long count) {
            if (!subscribedOnce.compareAndSet(false, true)) {
              LOG.info("Resubscribed to {}; catching up on missed events", channel);
              runOn(fanOutThread, RedisBroker.this::catchUp);
            }
          }
        });
    pubSub.sync().subscribe(store.eventsChannel());
    fanOutThread.scheduleWithFixedDelay(this::reattachDetached, 1, 1, TimeUnit.SECONDS);
    LOG.info(
        "Redis broker node {} on {} (key prefix {})",
        node,
        redacted(connections.configuration().url()),
        connections.configuration().keyPrefix());
  }

  @Override
  public StreamEvent publish(String channel, FrameEncoder encoder) {
    return withChannel(
        channel,
        ch -> {
          long nowMs = clock.millis();
          Frame frame =
              ch.recoverable
                  ? Frame.split(encoder.encode(FrameEncoder.OFFSET_PLACEHOLDER))
                  : new Frame(encoder.encode(0), null);
          if (reachable(ch)) {
            try {
              RedisChannelStore.Position position =
                  store.publish(
                      channel, ch.recoverable, frame.prefix, frame.suffix, nowMs, Epochs.next());
              published.increment();
              StreamEvent event =
                  new StreamEvent(
                      channel,
                      position.epoch(),
                      position.offset(),
                      nowMs,
                      frame.with(position.offset()));
              accept(ch, event);
              return event;
            } catch (RuntimeException e) {
              failed(ch, "publish", e);
            }
          } else {
            failure("publish").increment();
          }
          long offset = ch.recoverable ? ++ch.lastOffset : 0;
          ch.publishedWhileDetached |= ch.recoverable;
          StreamEvent event = new StreamEvent(channel, ch.epoch, offset, nowMs, frame.with(offset));
          deliver(ch, event);
          return event;
        });
  }

  @Override
  public SubscribeResult subscribe(
      String channel, @Nullable StreamPosition since, StreamListener listener) {
    return withChannel(
        channel,
        ch -> {
          if (reachable(ch)) {
            try {
              RedisChannelStore.Snapshot snapshot =
                  store.read(channel, ch.recoverable ? since : null, clock.millis(), Epochs.next());
              adopt(ch, snapshot.epoch(), snapshot.offset());
              long offset = ch.recoverable ? snapshot.offset() : 0;
              Registration registration = ch.register(listener, offset);
              StreamPosition position = new StreamPosition(snapshot.epoch(), offset);
              return snapshot.missed() == null
                  ? new SubscribeResult(position, false, List.of(), registration)
                  : new SubscribeResult(position, true, snapshot.missed(), registration);
            } catch (RuntimeException e) {
              failed(ch, "subscribe", e);
            }
          }
          // Alone: only a client already at this node's position loses nothing.
          StreamPosition position = new StreamPosition(ch.epoch, ch.lastOffset);
          boolean recovered = ch.recoverable && position.equals(since);
          return new SubscribeResult(
              position, recovered, List.of(), ch.register(listener, ch.lastOffset));
        });
  }

  @Override
  public StreamPosition position(String channel) {
    return withChannel(
        channel,
        ch -> {
          if (reachable(ch)) {
            try {
              RedisChannelStore.Snapshot snapshot =
                  store.read(channel, null, clock.millis(), Epochs.next());
              adopt(ch, snapshot.epoch(), snapshot.offset());
              return new StreamPosition(snapshot.epoch(), snapshot.offset());
            } catch (RuntimeException e) {
              failed(ch, "position", e);
            }
          }
          return new StreamPosition(ch.epoch, ch.lastOffset);
        });
  }

  @Override
  public int listenerCount(String channel) {
    NodeChannel ch = channels.get(channel);
    if (ch == null) {
      ChannelName.parse(channel); // throws for a name that could never have a stream
      return 0;
    }
    ch.lock.lock();
    try {
      return ch.removed ? 0 : ch.listeners.size();
    } finally {
      ch.lock.unlock();
    }
  }

  /** Stops listening; the command connection belongs to {@link RedisConnections}. */
  @Override
  @PreDestroy
  public void close() {
    pubSub.close();
    fanOutThread.shutdownNow();
    resetThread.shutdown();
  }

  // --- Events from Redis -------------------------------------------------------------------

  /**
   * Takes an event Redis numbered (published here or announced by another node) into the channel's
   * local stream: skips what was already delivered, fills a gap from history, resets the listeners
   * when the epoch changed or the gap can no longer be filled. Holds the lock.
   */
  private void accept(NodeChannel ch, StreamEvent event) {
    if (ch.detached) {
      return; // this node's listeners follow its own epoch until it reattaches
    }
    if (!ch.recoverable) {
      if (!event.frame().isEmpty()) {
        deliver(ch, event);
      }
      return;
    }
    if (!event.epoch().equals(ch.epoch)) {
      reset(ch, "the channel's epoch changed");
      ch.epoch = event.epoch();
      ch.lastOffset = event.offset();
      return;
    }
    if (event.offset() <= ch.lastOffset || event.frame().isEmpty()) {
      return;
    }
    if (event.offset() > ch.lastOffset + 1 && !ch.listeners.isEmpty()) {
      if (!fill(ch, event.offset() - 1)) {
        ch.lastOffset = event.offset();
        return;
      }
    }
    ch.lastOffset = event.offset();
    deliver(ch, event);
  }

  /** Delivers the events after the local position up to {@code last} from Redis history. */
  private boolean fill(NodeChannel ch, long last) {
    List<StreamEvent> missing;
    try {
      missing = store.range(ch.name, ch.epoch, ch.lastOffset + 1, last);
    } catch (RuntimeException e) {
      markDown("repair", e);
      missing = null;
    }
    if (missing == null) {
      reset(ch, "missed events are no longer in history");
      return false;
    }
    repairs.increment();
    for (StreamEvent event : missing) {
      ch.lastOffset = event.offset();
      deliver(ch, event);
    }
    return true;
  }

  private void onAnnouncement(String message) {
    RedisChannelStore.Announcement announcement = RedisChannelStore.parse(message);
    if (announcement == null) {
      LOG.warn("Ignoring a message of unknown format on the events channel");
      return;
    }
    if (announcement.node().equals(node)) {
      return; // delivered here when it was published
    }
    StreamEvent event = announcement.event();
    NodeChannel ch = channels.get(event.channel());
    if (ch == null) {
      return; // nobody here listens to it
    }
    ch.lock.lock();
    try {
      if (!ch.removed) {
        accept(ch, event);
        if (!announcement.isNewEpoch()) {
          fanOutLag.record(Duration.ofMillis(Math.max(0, clock.millis() - event.publishedAtMs())));
        }
      }
    } finally {
      ch.lock.unlock();
    }
  }

  /**
   * After the pub/sub connection came back: whatever was announced while it was down is read from
   * history (or the listeners are reset), and detached channels reattach.
   */
  private void catchUp() {
    for (NodeChannel ch : channels.values()) {
      ch.lock.lock();
      try {
        if (ch.removed) {
          continue;
        }
        if (ch.detached) {
          reachable(ch);
        } else if (ch.recoverable && !ch.listeners.isEmpty()) {
          RedisChannelStore.Snapshot snapshot =
              store.read(ch.name, null, clock.millis(), Epochs.next());
          if (!snapshot.epoch().equals(ch.epoch)) {
            adopt(ch, snapshot.epoch(), snapshot.offset());
          } else if (snapshot.offset() > ch.lastOffset) {
            fill(ch, snapshot.offset());
          }
        }
        dropIfIdle(ch);
      } catch (RuntimeException e) {
        markDown("catch-up", e);
      } finally {
        ch.lock.unlock();
      }
    }
  }

  private void reattachDetached() {
    if (detachedChannels.get() == 0 || System.nanoTime() < redisRetryAtNanos) {
      return;
    }
    for (NodeChannel ch : channels.values()) {
      ch.lock.lock();
      try {
        if (!ch.removed && ch.detached && reachable(ch)) {
          dropIfIdle(ch);
        }
      } finally {
        ch.lock.unlock();
      }
    }
  }

  // --- Detaching and reattaching -----------------------------------------------------------

  /** Whether Redis may be tried for this channel now; reattaches a detached one first. */
  private boolean reachable(NodeChannel ch) {
    if (System.nanoTime() < redisRetryAtNanos) {
      detach(ch);
      return false;
    }
    if (!ch.detached) {
      return true;
    }
    try {
      if (ch.publishedWhileDetached) {
        // Clients here hold positions Redis never saw, and clients elsewhere missed the events
        // published here: nobody's old position may be trusted.
        store.newEpoch(ch.name, Epochs.next(), clock.millis());
      }
      RedisChannelStore.Snapshot snapshot =
          store.read(ch.name, null, clock.millis(), Epochs.next());
      ch.detached = false;
      ch.publishedWhileDetached = false;
      detachedChannels.decrementAndGet();
      reset(ch, "the node reconnected to Redis");
      ch.epoch = snapshot.epoch();
      ch.lastOffset = snapshot.offset();
      LOG.info("Channel {} reattached to Redis at epoch {}", ch.name, ch.epoch);
      return true;
    } catch (RuntimeException e) {
      markDown("reattach", e);
      return false;
    }
  }

  private void failed(NodeChannel ch, String operation, RuntimeException e) {
    markDown(operation, e);
    detach(ch);
  }

  private void markDown(String operation, RuntimeException e) {
    failure(operation).increment();
    redisRetryAtNanos = System.nanoTime() + RETRY_AFTER_NANOS;
    LOG.warn(
        "Redis {} failed; serving this node's clients alone for now: {}", operation, e.toString());
  }

  private void detach(NodeChannel ch) {
    if (ch.detached) {
      return;
    }
    ch.detached = true;
    ch.publishedWhileDetached = false;
    detachedChannels.incrementAndGet();
    reset(ch, "the node lost contact with Redis");
    ch.epoch = Epochs.next();
    LOG.warn("Channel {} detached from Redis under local epoch {}", ch.name, ch.epoch);
  }

  /** Adopts a position read from Redis, resetting listeners that followed another epoch. */
  private void adopt(NodeChannel ch, String epoch, long offset) {
    if (ch.epoch != null && !ch.epoch.equals(epoch)) {
      reset(ch, "the channel's epoch changed");
    }
    if (!epoch.equals(ch.epoch) || ch.listeners.isEmpty()) {
      ch.epoch = epoch;
      ch.lastOffset = ch.recoverable ? offset : 0;
    }
    // Otherwise listeners are behind: the announcements up to `offset` are on their way, and a
    // lost one shows up as a gap that history fills.
  }

  private Counter failure(String operation) {
    return Counter.builder("switchboard.redis.failures")
        .description("Redis commands that failed or timed out, by operation")
        .tag("operation", operation)
        .register(meters);
  }

  // --- Local fan-out -----------------------------------------------------------------------

  private void deliver(NodeChannel ch, StreamEvent event) {
    Registration[] targets = ch.targets;
    if (targets == null) {
      targets = ch.listeners.toArray(new Registration[0]);
      ch.targets = targets;
    }
    for (Registration target : targets) {
      if (!target.active || (event.offset() != 0 && event.offset() <= target.afterOffset)) {
        continue;
      }
      try {
        target.listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "Listener on {} failed at offset {}; other listeners still got the event",
            ch.name,
            event.offset(),
            e);
      }
    }
  }

  /**
   * Ends every listener of a recoverable channel (a channel without positions has nothing to
   * protect). Their {@code onReset} runs on its own thread: it may close sockets, which can wait.
   */
  private void reset(NodeChannel ch, String reason) {
    if (!ch.recoverable || ch.listeners.isEmpty()) {
      return;
    }
    Registration[] ended = ch.listeners.toArray(new Registration[0]);
    ch.listeners.clear();
    ch.targets = null;
    LOG.warn("Resetting {} listeners of {}: {}", ended.length, ch.name, reason);
    for (Registration registration : ended) {
      registration.active = false;
      resets.increment();
      runOn(
          resetThread,
          () -> {
            try {
              registration.listener.onReset(ch.name + ": " + reason);
            } catch (RuntimeException e) {
              LOG.warn("Listener on {} failed to reset", ch.name, e);
            }
          });
    }
  }

  private <T> T withChannel(String channel, Function<NodeChannel, T> action) {
    while (true) {
      NodeChannel ch = channels.get(channel);
      if (ch == null) {
        ch = channels.computeIfAbsent(channel, NodeChannel::new);
      }
      ch.lock.lock();
      try {
        if (!ch.removed) {
          try {
            return action.apply(ch);
          } finally {
            dropIfIdle(ch);
          }
        }
      } finally {
        ch.lock.unlock();
      }
    }
  }

  /** Forgets a channel nobody here listens to and that holds no local-only state. */
  private void dropIfIdle(NodeChannel ch) {
    if (!ch.removed && ch.listeners.isEmpty() && !ch.detached && ch.lock.getHoldCount() == 1) {
      ch.removed = true;
      channels.remove(ch.name, ch);
    }
  }

  private static void runOn(ExecutorService executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Broker closed; dropped a task");
    }
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The URL without its password, for logs. */
  private static String redacted(String url) {
    return url.replaceFirst("//[^@/]*@", "//***@");
  }

  /** A frame encoded once, split around its offset. */
  private record Frame(String prefix, @Nullable String suffix) {

    static Frame split(String frame) {
      int at = frame.lastIndexOf(PLACEHOLDER);
      return at < 0
          ? new Frame(frame, null)
          : new Frame(frame.substring(0, at), frame.substring(at + PLACEHOLDER.length()));
    }

    String with(long offset) {
      return suffix == null ? prefix : prefix + offset + suffix;
    }
  }

  /** One channel as this node knows it; guarded by its lock. */
  private final class NodeChannel {

    final ReentrantLock lock = new ReentrantLock();
    final String name;
    final boolean recoverable;
    final Set<Registration> listeners = new LinkedHashSet<>();
    Registration @Nullable [] targets;
    @Nullable String epoch;
    long lastOffset;
    boolean detached;
    boolean publishedWhileDetached;
    boolean removed;

    NodeChannel(String name) {
      this.name = name;
      this.recoverable = ChannelName.parse(name).kind().recoverable();
    }

    Registration register(StreamListener listener, long afterOffset) {
      Registration registration = new Registration(this, listener, afterOffset);
      listeners.add(registration);
      targets = null;
      return registration;
    }
  }

  /** One listener's place in a channel; closing it never waits for the channel's lock. */
  private final class Registration implements Subscription {

    private final NodeChannel ch;
    private final StreamListener listener;
    private final long afterOffset;
    private volatile boolean active = true;

    Registration(NodeChannel ch, StreamListener listener, long afterOffset) {
      this.ch = ch;
      this.listener = listener;
      this.afterOffset = afterOffset;
    }

    @Override
    public void close() {
      if (!active) {
        return;
      }
      active = false;
      if (ch.lock.tryLock()) {
        try {
          remove();
        } finally {
          ch.lock.unlock();
        }
      } else {
        // A publish holds the lock during a Redis call: finish on the fan-out thread.
        runOn(
            fanOutThread,
            () -> {
              ch.lock.lock();
              try {
                remove();
              } finally {
                ch.lock.unlock();
              }
            });
      }
    }

    private void remove() {
      if (ch.listeners.remove(this)) {
        ch.targets = null;
        dropIfIdle(ch);
      }
    }
  }
}

package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelHub tracks this node's live listeners per channel and writes every event to them; the
 * {@link Broker} behind it numbers, stores and relays events but knows no listener.
 *
 * <p>Per channel the hub holds one lock, and everything that must be atomic happens under it: a
 * publish is numbered by the broker and delivered to every listener before the next one; a
 * subscribe reads the position (and the missed events) and registers its listener with no event
 * falling in between. So a publish costs O(listeners of the channel), channels never wait for one
 * another, and every listener receives events in offset order, never concurrently.
 *
 * <p>Guarantees for every broker:
 *
 * <ul>
 *   <li>{@link #subscribe} with {@code since} either returns {@code recovered = true} with every
 *       event after {@code since} in {@code replay} and then delivers live events strictly after
 *       the last replayed one (no gap, no duplicate), or returns {@code recovered = false};
 *   <li>each event is delivered once per listener: offsets the node already delivered, and those a
 *       listener started after, are skipped here and only here;
 *   <li>a listener that throws costs the others nothing.
 * </ul>
 *
 * <p>Events other nodes publish arrive through {@link BrokerEvents}: a gap in them is filled from
 * the broker's history, and when history no longer holds it, or the channel's epoch changed, the
 * listeners are reset ({@link StreamListener#onReset}) so their clients resubscribe and learn
 * {@code recovered: false}. When the broker cannot be reached, {@link BrokerOutage} serves the
 * channel on this node alone.
 */
@Singleton
public final class ChannelHub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelHub.class);

  private final Broker broker;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<ChannelName, HubChannel> channels = new ConcurrentHashMap<>();
  private final BrokerOutage outage;

  /** Creates the hub over the configured broker and starts taking its events from other nodes. */
  @Inject
  public ChannelHub(Broker broker, MeterRegistry meters, @Nullable Clock clock) {
    this.broker = broker;
    this.meters = meters;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.outage = new BrokerOutage(this, meters);
    broker.start(new RemoteEvents());
  }

  /**
   * Publishes one event: the broker numbers and records it, then every listener here gets the same
   * bytes. The frame was encoded by the caller, before the channel's lock is taken.
   *
   * @return the event as stored and delivered
   */
  public StreamEvent publish(ChannelName channel, EncodedFrame frame) {
    return withChannel(
        channel,
        ch -> {
          long nowMs = clock.millis();
          if (outage.reachable(ch)) {
            try {
              StreamEvent event = broker.append(channel, frame, nowMs);
              accept(ch, event);
              return event;
            } catch (BrokerUnavailableException e) {
              outage.failed(ch, "publish", e);
            }
          } else {
            outage.failure("publish");
          }
          return outage.publishAlone(ch, frame, nowMs);
        });
  }

  /**
   * Registers a live listener, atomically with reading the position (and, when {@code since} is
   * given, the missed events), so no event falls between the replay and the live stream.
   */
  public SubscribeResult subscribe(
      ChannelName channel, @Nullable StreamPosition since, StreamListener listener) {
    return withChannel(
        channel,
        ch -> {
          if (outage.reachable(ch)) {
            try {
              StreamRead read = broker.read(channel, ch.recoverable ? since : null);
              adopt(ch, read.position());
              StreamPosition position =
                  new StreamPosition(
                      read.position().epoch(), ch.recoverable ? read.position().offset() : 0);
              HubChannel.Registration registration = ch.register(listener, position.offset());
              return read.missed() == null
                  ? new SubscribeResult(position, false, List.of(), registration)
                  : new SubscribeResult(position, true, read.missed(), registration);
            } catch (BrokerUnavailableException e) {
              outage.failed(ch, "subscribe", e);
            }
          }
          // Alone: only a client already at this node's position loses nothing.
          StreamPosition position = ch.position();
          boolean recovered = ch.recoverable && position.equals(since);
          return new SubscribeResult(
              position, recovered, List.of(), ch.register(listener, ch.lastOffset));
        });
  }

  /** The channel's current position: its epoch and the offset of its last event (0 if none). */
  public StreamPosition position(ChannelName channel) {
    return withChannel(
        channel,
        ch -> {
          if (outage.reachable(ch)) {
            try {
              StreamPosition position = broker.position(channel);
              adopt(ch, position);
              return position;
            } catch (BrokerUnavailableException e) {
              outage.failed(ch, "position", e);
            }
          }
          return ch.position();
        });
  }

  /** How many live listeners this node holds for the channel. */
  public int listenerCount(ChannelName channel) {
    HubChannel ch = channels.get(channel);
    if (ch == null) {
      return 0;
    }
    ch.lock();
    try {
      return ch.removed ? 0 : ch.listenerCount();
    } finally {
      ch.release();
    }
  }

  /** Stops the thread that resets listeners and retries the broker, if a fault started it. */
  @Override
  @PreDestroy
  public void close() {
    outage.close();
  }

  // --- Delivery -----------------------------------------------------------------------------

  /**
   * Takes an event the broker numbered (published here or on another node) into the channel's local
   * stream: skips what was already delivered, fills a gap from history, resets the listeners when
   * the epoch changed or the gap can no longer be filled. Holds the lock.
   */
  void accept(HubChannel ch, StreamEvent event) {
    if (ch.detached) {
      return; // this node's listeners follow its own epoch until it reattaches
    }
    if (!ch.recoverable) {
      ch.deliver(event);
      return;
    }
    if (!event.epoch().equals(ch.epoch)) {
      reset(ch, "the channel's epoch changed");
      ch.epoch = event.epoch();
      ch.lastOffset = event.offset();
      return;
    }
    if (event.offset() <= ch.lastOffset) {
      return;
    }
    if (event.offset() > ch.lastOffset + 1 && ch.hasListeners() && !fill(ch)) {
      if (event.epoch().equals(ch.epoch)) {
        ch.lastOffset = Math.max(ch.lastOffset, event.offset());
      }
      return;
    }
    if (event.offset() > ch.lastOffset) {
      ch.lastOffset = event.offset();
      ch.deliver(event);
    }
  }

  /**
   * Delivers from history the events after the local position (an announcement lost on the way,
   * say); false when it could not: the listeners were reset because history no longer holds them
   * all, or the channel's epoch changed and was adopted. Holds the lock.
   */
  boolean fill(HubChannel ch) {
    StreamRead read;
    try {
      read = broker.read(ch.name, ch.position());
    } catch (BrokerUnavailableException e) {
      outage.markDown(ch, "repair", e);
      reset(ch, "missed events are no longer in history");
      return false;
    }
    if (!read.position().epoch().equals(ch.epoch)) {
      adopt(ch, read.position());
      return false;
    }
    if (read.missed() == null) {
      reset(ch, "missed events are no longer in history");
      return false;
    }
    if (!read.missed().isEmpty()) {
      counter("repairs", "Gaps in other nodes' announcements filled from history").increment();
    }
    for (StreamEvent missed : read.missed()) {
      ch.lastOffset = missed.offset();
      ch.deliver(missed);
    }
    return true;
  }

  /** Adopts a position read from the broker, resetting listeners that followed another epoch. */
  void adopt(HubChannel ch, StreamPosition position) {
    if (ch.epoch != null && !ch.epoch.equals(position.epoch())) {
      reset(ch, "the channel's epoch changed");
    }
    if (!position.epoch().equals(ch.epoch) || !ch.hasListeners()) {
      ch.epoch = position.epoch();
      ch.lastOffset = ch.recoverable ? position.offset() : 0;
    }
    // Otherwise listeners are behind: the announcements up to the position are on their way, and
    // a lost one shows up as a gap that history fills.
  }

  /**
   * Ends every listener of a recoverable channel (a channel without positions has nothing to
   * protect). Their {@code onReset} runs on the outage thread: it may close sockets, which can
   * wait.
   */
  void reset(HubChannel ch, String reason) {
    if (!ch.recoverable || !ch.hasListeners()) {
      return;
    }
    HubChannel.Registration[] ended = ch.endAll();
    LOG.warn("Resetting {} listeners of {}: {}", ended.length, ch.name, reason);
    Counter resets =
        counter("resets", "Listeners ended because their stream could not continue without a gap");
    for (HubChannel.Registration registration : ended) {
      resets.increment();
      outage.run(
          () -> {
            try {
              registration.listener().onReset(ch.name + ": " + reason);
            } catch (RuntimeException e) {
              LOG.warn("Listener on {} failed to reset", ch.name, e);
            }
          });
    }
  }

  // --- Channels -----------------------------------------------------------------------------

  Broker broker() {
    return broker;
  }

  Clock clock() {
    return clock;
  }

  Collection<HubChannel> channels() {
    return channels.values();
  }

  Counter counter(String name, String description) {
    return Counter.builder(broker.meterPrefix() + "." + name)
        .description(description)
        .register(meters);
  }

  /** Forgets a channel nobody here listens to and that holds no local-only state. */
  void dropIfIdle(HubChannel ch) {
    if (!ch.removed && !ch.hasListeners() && !ch.detached && ch.isHeldOnce()) {
      ch.removed = true;
      channels.remove(ch.name, ch);
    }
  }

  private <T> T withChannel(ChannelName channel, Function<HubChannel, T> action) {
    while (true) {
      HubChannel ch = channels.get(channel);
      if (ch == null) {
        ch = channels.computeIfAbsent(channel, name -> new HubChannel(name, this));
      }
      ch.lock();
      try {
        if (!ch.removed) {
          return action.apply(ch);
        }
      } finally {
        ch.release();
      }
    }
  }

  /** What the broker hands over from other nodes, on its own thread. */
  private final class RemoteEvents implements BrokerEvents {

    @Override
    public boolean onEvent(StreamEvent event) {
      HubChannel ch = channels.get(event.channel());
      if (ch == null) {
        return false; // nobody here listens to it
      }
      ch.lock();
      try {
        if (ch.removed) {
          return false;
        }
        accept(ch, event);
        return true;
      } finally {
        ch.release();
      }
    }

    @Override
    public void onNewEpoch(ChannelName channel, StreamPosition position) {
      HubChannel ch = channels.get(channel);
      if (ch == null) {
        return;
      }
      ch.lock();
      try {
        if (!ch.removed && !ch.detached && ch.recoverable && !position.epoch().equals(ch.epoch)) {
          reset(ch, "the channel's epoch changed");
          ch.epoch = position.epoch();
          ch.lastOffset = position.offset();
        }
      } finally {
        ch.release();
      }
    }

    @Override
    public void onResumed() {
      outage.catchUp();
    }
  }
}

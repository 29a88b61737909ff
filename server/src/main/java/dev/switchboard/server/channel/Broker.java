package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;

/**
 * Broker stores and relays channel streams: it numbers published events, keeps bounded history for
 * recoverable channels and, when several nodes share it, hands this node what the others published.
 * It knows no subscribers: {@link ChannelHub} alone holds this node's listeners and writes to them,
 * so a new broker cannot get fan-out, deduplication or error isolation wrong.
 *
 * <p>Guarantees every implementation keeps (the in-memory broker on one node, Redis across nodes):
 *
 * <ul>
 *   <li>per channel, offsets grow by exactly 1 per event within an epoch;
 *   <li>{@link #read} with {@code since} returns every event after {@code since} up to the position
 *       it returns, or says it cannot;
 *   <li>the epoch of a channel changes whenever its history may have lost events (restart of an
 *       in-memory broker, Redis data loss), so an old position is never mistaken for a current one.
 * </ul>
 *
 * <p>The hub calls every method with the channel's lock held, so calls for one channel never
 * overlap. A broker that cannot reach what it shares with other nodes throws {@link
 * BrokerUnavailableException}; the hub then serves the channel's listeners on this node alone.
 */
public interface Broker {

  /**
   * Numbers and records one event (and announces it to the other nodes), returning it as stored:
   * with its offset written into the frame on recoverable channels, offset 0 on others.
   */
  StreamEvent append(ChannelName channel, EncodedFrame frame, long publishedAtMs);

  /**
   * The channel's current position and, when {@code since} is given, the events after it that
   * history still holds; {@link StreamRead#missed()} is null when they cannot all be replayed.
   */
  StreamRead read(ChannelName channel, @Nullable StreamPosition since);

  /** The channel's current position: its epoch and the offset of its last event (0 if none). */
  StreamPosition position(ChannelName channel);

  /**
   * Gives the channel a new epoch, dropping its history: positions of the old epoch can no longer
   * be trusted (events were published on a node cut off from the others).
   */
  StreamPosition newEpoch(ChannelName channel);

  /**
   * Starts handing {@code events} what other nodes publish; a broker that serves one node has
   * nothing to hand and ignores it.
   */
  default void start(BrokerEvents events) {}

  /**
   * Tells the broker, when it changes, whether this node has live listeners on the channel: the
   * in-memory broker keeps a listened channel's stream, and so its epoch.
   */
  default void listened(ChannelName channel, boolean listened) {}

  /**
   * What part of the shared store serves the channel, as far as failures go: after a command fails,
   * channels of the same domain are served alone for a moment rather than each waiting on it, while
   * channels of other domains carry on. One domain by default; a cluster broker answers the master
   * that owns the channel's slot.
   */
  default Object failureDomain(ChannelName channel) {
    return this;
  }

  /**
   * The prefix of the meters the hub keeps about this broker's faults ({@code .resets}, {@code
   * .repairs}, {@code .failures}, {@code .detached.channels}); they are registered only once a
   * fault happens, which a single-node broker never causes.
   */
  default String meterPrefix() {
    return "switchboard.broker";
  }
}

package dev.switchboard.server.channel;

import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;

/**
 * Broker carries channel streams: it assigns positions to published events, keeps bounded history
 * for recoverable channels and delivers live events to subscribers on this node.
 *
 * <p>Guarantees every implementation keeps (the in-memory broker on one node, Redis across nodes):
 *
 * <ul>
 *   <li>per channel, offsets grow by exactly 1 per event within an epoch, and every listener
 *       receives events in offset order, never concurrently;
 *   <li>{@link #subscribe} with {@code since} either returns {@code recovered = true} with every
 *       event after {@code since} in {@code replay} and then delivers live events strictly after
 *       the last replayed one (no gap, no duplicate), or returns {@code recovered = false};
 *   <li>the epoch of a channel changes whenever its history may have lost events (restart of an
 *       in-memory broker, Redis data loss), so an old position is never mistaken for a current one.
 * </ul>
 */
public interface Broker {

  /**
   * Publishes one event: assigns the next offset (recoverable channels), encodes the frame once,
   * records it in history and delivers it to the channel's live listeners.
   *
   * @return the event as stored and delivered
   */
  StreamEvent publish(String channel, FrameEncoder encoder);

  /**
   * Registers a live listener, atomically with reading the position (and, when {@code since} is
   * given, the missed events), so no event falls between the replay and the live stream.
   */
  SubscribeResult subscribe(
      String channel, @Nullable StreamPosition since, StreamListener listener);

  /** The channel's current position: its epoch and the offset of its last event (0 if none). */
  StreamPosition position(String channel);

  /** How many live listeners this node holds for the channel. */
  int listenerCount(String channel);
}

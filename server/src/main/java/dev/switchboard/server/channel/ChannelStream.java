package dev.switchboard.server.channel;

import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelStream is one channel's state inside {@link InMemoryBroker}: epoch, last offset, bounded
 * history (by count, bytes and age, oldest out first, each byte also counted in the node's {@link
 * HistoryBudget}) and live listeners. Every method except {@link #lock()} expects the caller to
 * hold the lock, which is what makes offset assignment, history, fan-out and subscription one
 * atomic step.
 */
final class ChannelStream {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryBroker.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final String channel;
  private final String epoch;
  private final boolean recoverable;
  private final int historyMaxEvents;
  private final long historyMaxAgeMs;
  private final long historyMaxBytes;
  private final HistoryBudget budget;
  private final Clock clock;
  private final ArrayDeque<StreamEvent> history = new ArrayDeque<>();
  private final Set<Registration> listeners = new LinkedHashSet<>();

  // Rebuilt lazily after a listener change: fan-out iterates this copy, so a listener that
  // subscribes or unsubscribes from inside onEvent (same thread, reentrant lock) cannot break
  // the iteration, and subscription churn costs O(1) instead of a copy per change.
  private Registration @Nullable [] fanOut;
  private long lastOffset;
  private long lastActivityMs;
  private long historyBytes;
  private boolean removed;
  // Read without the lock by the broker looking for the node's oldest event; MAX_VALUE when empty.
  private volatile long oldestPublishedAtMs = Long.MAX_VALUE;

  ChannelStream(
      String channel,
      String epoch,
      boolean recoverable,
      ChannelStreamsConfiguration configuration,
      HistoryBudget budget,
      Clock clock) {
    this.channel = channel;
    this.epoch = epoch;
    this.recoverable = recoverable;
    this.historyMaxEvents = configuration.historyMaxEvents();
    this.historyMaxAgeMs = configuration.historyMaxAge().toMillis();
    this.historyMaxBytes = configuration.historyMaxBytes();
    this.budget = budget;
    this.clock = clock;
    this.lastActivityMs = clock.millis();
  }

  ReentrantLock lock() {
    return lock;
  }

  /**
   * Whether the sweep dropped this stream; a caller that raced with it looks the channel up again.
   */
  boolean isRemoved() {
    return removed;
  }

  StreamPosition position() {
    // A REST snapshot reads the position before the database: count that as use, so the stream
    // (and its epoch) outlives the gap until the client subscribes since that position.
    lastActivityMs = clock.millis();
    return new StreamPosition(epoch, lastOffset);
  }

  int listenerCount() {
    return listeners.size();
  }

  StreamEvent publish(FrameEncoder encoder) {
    long nowMs = clock.millis();
    long offset = recoverable ? lastOffset + 1 : 0;
    StreamEvent event = new StreamEvent(channel, epoch, offset, nowMs, encoder.encode(offset));
    // State first, delivery second: a listener that subscribes from inside onEvent must already
    // see this event as part of the position it starts from.
    lastOffset = offset;
    lastActivityMs = nowMs;
    if (recoverable) {
      history.addLast(event);
      historyBytes += event.frameUtf8().length;
      budget.add(event.frameUtf8().length);
      if (history.size() == 1) {
        oldestPublishedAtMs = nowMs;
      }
      // An event larger than the byte bound leaves at once: it was delivered, not kept.
      while (history.size() > historyMaxEvents || historyBytes > historyMaxBytes) {
        evictOldest();
      }
      trimExpired(nowMs);
    }
    deliver(event);
    return event;
  }

  SubscribeResult subscribe(@Nullable StreamPosition since, StreamListener listener) {
    long nowMs = clock.millis();
    trimExpired(nowMs);
    lastActivityMs = nowMs;
    List<StreamEvent> replay = since == null ? null : missedSince(since);
    Registration registration = new Registration(listener);
    listeners.add(registration);
    fanOut = null;
    StreamPosition position = new StreamPosition(epoch, lastOffset);
    return replay == null
        ? new SubscribeResult(position, false, List.of(), registration)
        : new SubscribeResult(position, true, replay, registration);
  }

  /** Idle streams hold nothing a client could still recover and have not been used for a while. */
  boolean isIdle() {
    long nowMs = clock.millis();
    trimExpired(nowMs);
    return listeners.isEmpty() && history.isEmpty() && nowMs - lastActivityMs > historyMaxAgeMs;
  }

  void markRemoved() {
    removed = true;
  }

  /** When the oldest event of the history was published; {@code Long.MAX_VALUE} when empty. */
  long oldestPublishedAtMs() {
    return oldestPublishedAtMs;
  }

  /** Drops the oldest event of the history, if any, releasing its bytes; false when empty. */
  boolean evictOldest() {
    StreamEvent oldest = history.pollFirst();
    if (oldest == null) {
      return false;
    }
    historyBytes -= oldest.frameUtf8().length;
    budget.release(oldest.frameUtf8().length);
    StreamEvent next = history.peekFirst();
    oldestPublishedAtMs = next == null ? Long.MAX_VALUE : next.publishedAtMs();
    return true;
  }

  /** Bytes of history this channel holds, for tests of the bounds. */
  long historyBytes() {
    return historyBytes;
  }

  /** The events after {@code since}, or null when they cannot all be replayed. */
  private @Nullable List<StreamEvent> missedSince(StreamPosition since) {
    // Offsets of other epochs never compare; a non-recoverable channel's offsets are all 0, so
    // "nothing missed" could never be proven there.
    if (!recoverable || !epoch.equals(since.epoch()) || since.offset() > lastOffset) {
      return null;
    }
    long missed = lastOffset - since.offset();
    if (missed == 0) {
      return List.of();
    }
    // History is contiguous and ends at lastOffset, so it holds every missed event iff it is long
    // enough.
    if (missed > history.size()) {
      return null;
    }
    List<StreamEvent> replay = new ArrayList<>((int) missed);
    Iterator<StreamEvent> newestFirst = history.descendingIterator();
    for (long i = 0; i < missed; i++) {
      replay.add(newestFirst.next());
    }
    Collections.reverse(replay);
    return replay;
  }

  private void trimExpired(long nowMs) {
    while (!history.isEmpty() && nowMs - history.peekFirst().publishedAtMs() > historyMaxAgeMs) {
      evictOldest();
    }
  }

  private void deliver(StreamEvent event) {
    Registration[] targets = fanOut;
    if (targets == null) {
      targets = listeners.toArray(new Registration[0]);
      fanOut = targets;
    }
    for (Registration target : targets) {
      if (!target.active) {
        continue; // closed by an earlier listener of this same fan-out
      }
      try {
        target.listener.onEvent(event);
      } catch (RuntimeException e) {
        // One broken subscriber must not cost the others their events.
        LOG.warn(
            "Listener on {} failed at offset {}; other listeners still got the event",
            channel,
            event.offset(),
            e);
      }
    }
  }

  /** One listener's place in this stream; its {@link #close()} takes the stream's lock. */
  private final class Registration implements Subscription {

    private final StreamListener listener;
    private boolean active = true;

    Registration(StreamListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (active) {
          active = false;
          listeners.remove(this);
          fanOut = null;
          lastActivityMs = clock.millis();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}

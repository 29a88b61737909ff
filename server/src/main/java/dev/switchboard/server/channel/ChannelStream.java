package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ChannelStream is one channel's stream inside {@link InMemoryBroker}: epoch, last offset and
 * bounded history (by count, bytes and age, oldest out first, each byte also counted in the node's
 * {@link HistoryBudget}). Every method except {@link #lock()} expects the caller to hold the lock;
 * the hub holds its own channel lock around every call, this one keeps the broker's sweep and
 * node-wide eviction out.
 */
final class ChannelStream {

  private final ReentrantLock lock = new ReentrantLock();
  private final ChannelName channel;
  private final String epoch;
  private final boolean recoverable;
  private final int historyMaxEvents;
  private final long historyMaxAgeMs;
  private final long historyMaxBytes;
  private final HistoryBudget budget;
  private final Clock clock;
  private final ArrayDeque<StreamEvent> history = new ArrayDeque<>();

  private long lastOffset;
  private long lastActivityMs;
  private long historyBytes;
  private boolean listened;
  private boolean removed;
  // Read without the lock by the broker looking for the node's oldest event; MAX_VALUE when empty.
  private volatile long oldestPublishedAtMs = Long.MAX_VALUE;

  ChannelStream(
      ChannelName channel,
      String epoch,
      ChannelStreamsConfiguration configuration,
      HistoryBudget budget,
      Clock clock) {
    this.channel = channel;
    this.epoch = epoch;
    this.recoverable = channel.kind().recoverable();
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

  StreamEvent append(EncodedFrame frame, long nowMs) {
    long offset = recoverable ? lastOffset + 1 : 0;
    StreamEvent event = new StreamEvent(channel, epoch, offset, nowMs, frame.withOffset(offset));
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
    return event;
  }

  StreamRead read(@Nullable StreamPosition since) {
    long nowMs = clock.millis();
    trimExpired(nowMs);
    lastActivityMs = nowMs;
    List<StreamEvent> missed = since == null ? null : missedSince(since);
    return new StreamRead(new StreamPosition(epoch, lastOffset), missed);
  }

  /** Whether this node's hub has listeners on the channel: a listened stream is never idle. */
  void listened(boolean listened) {
    this.listened = listened;
    lastActivityMs = clock.millis();
  }

  /** Idle streams hold nothing a client could still recover and have not been used for a while. */
  boolean isIdle() {
    long nowMs = clock.millis();
    trimExpired(nowMs);
    return !listened && history.isEmpty() && nowMs - lastActivityMs > historyMaxAgeMs;
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

  /** Drops the whole history, releasing its bytes (the stream is being replaced). */
  void clear() {
    while (evictOldest()) {
      // releases each event's bytes from the node's budget
    }
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
}

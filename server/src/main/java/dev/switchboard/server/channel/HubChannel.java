package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubChannel is one channel as this node's {@link ChannelHub} knows it: its live listeners, the
 * position it has delivered up to, and whether it is served alone because the broker cannot be
 * reached. Fields and methods other than {@link #lock()}, {@link #release()} and a registration's
 * close expect the caller to hold the lock, which is what makes numbering, delivery and
 * registration one atomic step per channel.
 */
final class HubChannel {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelHub.class);

  final ChannelName name;
  final boolean recoverable;
  private final ReentrantLock lock = new ReentrantLock();
  private final ChannelHub hub;
  private final Set<Registration> listeners = new LinkedHashSet<>();
  // Registrations closed while another thread held the lock; the holder removes them on release.
  private final Queue<Registration> closed = new ConcurrentLinkedQueue<>();

  // Rebuilt lazily after a listener change: fan-out iterates this copy, so a listener that
  // subscribes or unsubscribes from inside onEvent (same thread, reentrant lock) cannot break the
  // iteration, and subscription churn costs O(1) instead of a copy per change.
  private Registration @Nullable [] targets;

  // The latest offset any listener started after: events past it need no per-listener check.
  private long newestStart;

  /** The epoch listeners follow; null until the channel's position is first known. */
  @Nullable String epoch;

  /** The offset this node has delivered up to in {@link #epoch}. */
  long lastOffset;

  /** Served alone, under an epoch only this node knows, because the broker could not be reached. */
  boolean detached;

  /** Events were numbered here while detached, so the broker's epoch must change on reattaching. */
  boolean publishedWhileDetached;

  /** Dropped from the hub's map; a caller that raced with the drop looks the channel up again. */
  boolean removed;

  HubChannel(ChannelName name, ChannelHub hub) {
    this.name = name;
    this.recoverable = name.kind().recoverable();
    this.hub = hub;
  }

  void lock() {
    lock.lock();
  }

  /**
   * Removes listeners closed meanwhile, drops the channel from the hub when nothing keeps it, and
   * unlocks; then removes any listener closed while this thread held the lock.
   */
  void release() {
    try {
      removeClosed();
    } finally {
      lock.unlock();
    }
    removeClosedIfFree();
  }

  boolean isHeldOnce() {
    return lock.getHoldCount() == 1;
  }

  int listenerCount() {
    return listeners.size();
  }

  boolean hasListeners() {
    return !listeners.isEmpty();
  }

  /** The position this node has delivered up to. */
  StreamPosition position() {
    return new StreamPosition(epoch, lastOffset);
  }

  /** Adds a listener that receives live events with offsets after {@code afterOffset}. */
  Registration register(StreamListener listener, long afterOffset) {
    Registration registration = new Registration(listener, afterOffset);
    if (listeners.isEmpty()) {
      hub.broker().listened(name, true);
    }
    listeners.add(registration);
    targets = null;
    newestStart = Math.max(newestStart, afterOffset);
    return registration;
  }

  /**
   * Hands an event to every listener registered before it and not yet past it, in registration
   * order; a listener that throws is logged and the others still get the event.
   */
  void deliver(StreamEvent event) {
    Registration[] fanOut = targets;
    if (fanOut == null) {
      fanOut = listeners.toArray(new Registration[0]);
      targets = fanOut;
    }
    long offset = event.offset();
    boolean startsLater = offset != 0 && offset <= newestStart;
    for (Registration target : fanOut) {
      // Skips a listener closed by an earlier one of this fan-out, and one that starts after this
      // offset (it subscribed at a position the event had not reached this node by).
      if (!target.active || (startsLater && offset <= target.afterOffset)) {
        continue;
      }
      try {
        target.listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "Listener on {} failed at offset {}; other listeners still got the event",
            name,
            offset,
            e);
      }
    }
  }

  /** Ends every listener at once, returning them for their {@code onReset}. */
  Registration[] endAll() {
    Registration[] ended = listeners.toArray(new Registration[0]);
    for (Registration registration : ended) {
      registration.active = false;
    }
    listeners.clear();
    targets = null;
    newestStart = 0;
    if (ended.length > 0) {
      hub.broker().listened(name, false);
    }
    return ended;
  }

  private void removeClosed() {
    Registration registration;
    while ((registration = closed.poll()) != null) {
      if (listeners.remove(registration)) {
        targets = null;
        if (listeners.isEmpty()) {
          newestStart = 0;
          hub.broker().listened(name, false);
        }
      }
    }
    if (lock.getHoldCount() == 1) {
      hub.dropIfIdle(this);
    }
  }

  // A close that found the lock taken queued itself; if the holder released before seeing it, the
  // lock is free now and whoever gets it first finishes the removal.
  private void removeClosedIfFree() {
    while (!closed.isEmpty() && lock.tryLock()) {
      try {
        removeClosed();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * One listener's place in the channel. Closing it never waits for the channel's lock (a publish
   * may hold it during a broker round trip, and sockets close on their event loops): delivery stops
   * at once and the registration is removed by whoever holds the lock.
   */
  final class Registration implements Subscription {

    private final StreamListener listener;
    private final long afterOffset;
    private volatile boolean active = true;

    private Registration(StreamListener listener, long afterOffset) {
      this.listener = listener;
      this.afterOffset = afterOffset;
    }

    StreamListener listener() {
      return listener;
    }

    @Override
    public void close() {
      if (!active) {
        return;
      }
      active = false;
      closed.add(this);
      removeClosedIfFree();
    }
  }
}

package dev.switchboard.server.channel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * HistoryBudget counts the bytes of history all channel streams of one {@link InMemoryBroker} hold,
 * against {@code switchboard.channels.node-history-max-bytes}. Streams add and release under their
 * own locks; the broker evicts the oldest events of any channel while the total is over.
 */
final class HistoryBudget {

  private final long maxBytes;
  private final AtomicLong heldBytes = new AtomicLong();

  HistoryBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void add(long bytes) {
    heldBytes.addAndGet(bytes);
  }

  void release(long bytes) {
    heldBytes.addAndGet(-bytes);
  }

  boolean isOver() {
    return heldBytes.get() > maxBytes;
  }

  long heldBytes() {
    return heldBytes.get();
  }
}

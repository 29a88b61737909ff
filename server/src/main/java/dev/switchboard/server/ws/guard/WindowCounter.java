package dev.switchboard.server.ws.guard;

/**
 * WindowCounter counts events in the current fixed window (a minute, say), to tell a client that
 * slipped a few times from one that keeps misbehaving. Not thread-safe, like {@link TokenBucket}.
 */
public final class WindowCounter {

  private final long windowNanos;
  private long windowStart;
  private int count;

  /** Starts the first window at {@code nowNanos}. */
  public WindowCounter(long windowNanos, long nowNanos) {
    this.windowNanos = windowNanos;
    this.windowStart = nowNanos;
  }

  /** Counts one event and returns the count in the current window. */
  public int record(long nowNanos) {
    if (nowNanos - windowStart >= windowNanos) {
      windowStart = nowNanos;
      count = 0;
    }
    return ++count;
  }
}

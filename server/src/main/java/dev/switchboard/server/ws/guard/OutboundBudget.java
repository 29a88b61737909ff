package dev.switchboard.server.ws.guard;

/**
 * OutboundBudget decides, from successive readings of one connection's unsent bytes, when the
 * client is a slow consumer to evict: at once past the hard ceiling, otherwise only after it has
 * stayed over the budget for the whole grace period.
 *
 * <p>A single reading over the budget proves nothing: frames queued from publisher threads count as
 * pending the moment they are submitted, so a fast reader in a burst is briefly far over any small
 * budget. Not thread-safe: one instance per channel, used on its event loop.
 */
final class OutboundBudget {

  /** What a reading means for the connection. */
  enum Verdict {
    /** At or under the budget. */
    WITHIN,
    /** Over the budget, but not for the whole grace period yet. */
    OVER,
    /** Over the hard ceiling, or over the budget for the whole grace period. */
    EVICT
  }

  private final long maxPendingBytes;
  private final long hardMaxPendingBytes;
  private final long graceNanos;
  private boolean over;
  private long overSinceNanos;

  OutboundBudget(long maxPendingBytes, long hardMaxPendingBytes, long graceNanos) {
    this.maxPendingBytes = maxPendingBytes;
    this.hardMaxPendingBytes = hardMaxPendingBytes;
    this.graceNanos = graceNanos;
  }

  /** Records a reading of the unsent bytes taken at {@code nowNanos}. */
  Verdict observe(long pendingBytes, long nowNanos) {
    if (pendingBytes > hardMaxPendingBytes) {
      return Verdict.EVICT;
    }
    if (pendingBytes <= maxPendingBytes) {
      over = false;
      return Verdict.WITHIN;
    }
    if (!over) {
      over = true;
      overSinceNanos = nowNanos;
    }
    return nowNanos - overSinceNanos >= graceNanos ? Verdict.EVICT : Verdict.OVER;
  }

  /**
   * How long until the grace period of the current stretch over the budget ends (0 if not over).
   */
  long nanosUntilGraceEnds(long nowNanos) {
    return over ? Math.max(0, overSinceNanos + graceNanos - nowNanos) : 0;
  }

  /** How long the connection has been over the budget (0 if it is not). */
  long overForNanos(long nowNanos) {
    return over ? nowNanos - overSinceNanos : 0;
  }

  long maxPendingBytes() {
    return maxPendingBytes;
  }

  long hardMaxPendingBytes() {
    return hardMaxPendingBytes;
  }
}

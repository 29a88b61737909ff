package dev.switchboard.server.ws.guard;

import java.util.concurrent.TimeUnit;

/**
 * ProtocolErrorBudget counts one socket's malformed frames ({@code bad_request}, {@code
 * unknown_type}, {@code invalid_channel}) per minute, for {@code /ws} and the shell socket alike:
 * past {@code switchboard.ws.max-protocol-errors-per-minute} the socket is closed with 4501, which
 * tells a client that slipped a few times from one that keeps misbehaving. Not thread-safe: a
 * socket's frames are handled one at a time.
 */
public final class ProtocolErrorBudget {

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int maxPerMinute;
  private final WindowCounter errors;

  /** A budget of {@code maxPerMinute}, its first minute starting at {@code nowNanos}. */
  public ProtocolErrorBudget(int maxPerMinute, long nowNanos) {
    this.maxPerMinute = maxPerMinute;
    this.errors = new WindowCounter(MINUTE_NANOS, nowNanos);
  }

  /** Counts one malformed frame; true when the socket is now over its budget and must close. */
  public boolean exhaustedBy(long nowNanos) {
    return errors.record(nowNanos) > maxPerMinute;
  }

  /** The most malformed frames a socket may send in a minute. */
  public int maxPerMinute() {
    return maxPerMinute;
  }
}

package dev.switchboard.server.ws;

/**
 * TokenBucket limits a rate: it holds up to {@code capacity} tokens, refilled at {@code perSecond},
 * and each admitted frame takes one. A connection's frames are handled one at a time, so it is not
 * thread-safe.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos;

  TokenBucket(int perSecond, long nowNanos) {
    this.capacity = perSecond;
    this.perNano = perSecond / 1e9;
    this.tokens = perSecond;
    this.lastNanos = nowNanos;
  }

  /** Takes a token if one is available. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}

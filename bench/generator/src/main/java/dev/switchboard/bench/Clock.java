package dev.switchboard.bench;

/** Clock is the one clock of a generator process: positive nanoseconds since it started. */
final class Clock {

  private static final long BASE = System.nanoTime() - 1_000_000_000L;

  private Clock() {}

  static long nanos() {
    return System.nanoTime() - BASE;
  }
}

package dev.switchboard.server.storage;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timestamps hands out the times stored rows are created and changed at: milliseconds (what both
 * databases keep), strictly increasing on this server. Lists sorted oldest first then keep the
 * order things were created in, even for two created within one millisecond (a script creating
 * sessions, a user message and its reply), and a row's update time is always after its creation.
 * Only a sustained burst of more than one write per millisecond runs ahead of the wall clock, by
 * the excess, and the clock catches up as soon as it stops.
 */
public final class Timestamps {

  private static final AtomicLong LAST = new AtomicLong();

  private Timestamps() {}

  /** Now, or one millisecond after the last time handed out when that is not before now. */
  public static Instant next() {
    long now = System.currentTimeMillis();
    return Instant.ofEpochMilli(LAST.accumulateAndGet(now, (last, at) -> Math.max(last + 1, at)));
  }
}

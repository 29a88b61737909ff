package dev.switchboard.server.architecture.cycle.b;

import dev.switchboard.server.architecture.cycle.a.Upper;

/** Lower calls back up into {@link Upper}'s package, closing the cycle. */
public final class Lower {

  /** Calls back up into the other package. */
  public static int calls() {
    return Upper.class.getSimpleName().length();
  }
}

package dev.switchboard.server.architecture.cycle.a;

import dev.switchboard.server.architecture.cycle.b.Lower;

/** Upper is half of a two-package cycle that the package-cycle rule must find. */
public final class Upper {

  /** Calls down into the other package. */
  public static int depth() {
    return Lower.calls() + 1;
  }
}

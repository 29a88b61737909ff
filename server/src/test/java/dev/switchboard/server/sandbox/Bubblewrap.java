package dev.switchboard.server.sandbox;

import org.junit.jupiter.api.Assumptions;

/** Bubblewrap tells tests whether a working bubblewrap is installed, and skips them without one. */
public final class Bubblewrap {

  private static Boolean works;

  private Bubblewrap() {}

  /** Skips the test, saying why, where bubblewrap does not work. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        works(),
        "bubblewrap (bwrap) does not work here: install it (Debian: apt-get install bubblewrap)"
            + " to run the sandbox tests");
  }

  /** Whether {@code bwrap} runs a command in a new PID namespace here. */
  public static synchronized boolean works() {
    if (works == null) {
      try {
        Process probe =
            new ProcessBuilder(
                    "bwrap",
                    "--ro-bind",
                    "/",
                    "/",
                    "--dev",
                    "/dev",
                    "--proc",
                    "/proc",
                    "--unshare-pid",
                    "true")
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        works = probe.waitFor() == 0;
      } catch (Exception e) {
        works = false;
      }
    }
    return works;
  }
}

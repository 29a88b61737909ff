package dev.switchboard.server.auth;

import java.io.Console;
import java.lang.reflect.Method;

/** Terminal tells whether the server's standard output is an interactive terminal. */
final class Terminal {

  private Terminal() {}

  /**
   * True when a person is watching standard output. Up to Java 21 {@link System#console()} exists
   * only when standard input and output are both terminals; from Java 22 it may exist anyway, and
   * {@code Console.isTerminal()} (not in Java 17's API, hence the lookup) says which.
   */
  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}

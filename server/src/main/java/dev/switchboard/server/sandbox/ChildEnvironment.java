package dev.switchboard.server.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * ChildEnvironment is the one allow-list of environment variables that agents and shells inherit
 * from the server: the ones a program needs to find its tools and speak the user's language, and
 * nothing else. Everything the server itself was given (its token, database and Redis URLs, cloud
 * credentials) stays with the server.
 */
public final class ChildEnvironment {

  /** The variables passed through by name; {@code LC_*} are passed through as well. */
  public static final Set<String> ALLOWED = Set.of("PATH", "HOME", "LANG", "TERM", "USER", "SHELL");

  private static final String LOCALE_PREFIX = "LC_";
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private ChildEnvironment() {}

  /**
   * The allowed variables of {@code server}, with {@code PATH}, {@code HOME} and {@code USER}
   * filled in when the server has none, then {@code extra} (operator-configured) on top.
   */
  public static Map<String, String> of(Map<String, String> server, Map<String, String> extra) {
    Map<String, String> environment = new LinkedHashMap<>();
    server.forEach(
        (name, value) -> {
          if (isAllowed(name)) {
            environment.put(name, value);
          }
        });
    environment.putIfAbsent("PATH", DEFAULT_PATH);
    environment.putIfAbsent("HOME", System.getProperty("user.home"));
    environment.putIfAbsent("USER", System.getProperty("user.name"));
    environment.putAll(extra);
    return environment;
  }

  /** Whether a variable of the server's passes to its children. */
  public static boolean isAllowed(String name) {
    return ALLOWED.contains(name) || name.startsWith(LOCALE_PREFIX);
  }
}

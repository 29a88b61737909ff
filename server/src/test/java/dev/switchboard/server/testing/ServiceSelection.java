package dev.switchboard.server.testing;

import io.micronaut.core.annotation.Nullable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * ServiceSelection is where a test service comes from in this run, and why: a running instance
 * named by its variable (the local services of {@code .ci/run}), a container Testcontainers starts
 * (a machine with a Docker engine, such as the GitHub workflow), or none, and then the tests that
 * need it are skipped with a message naming both ways to run them.
 *
 * @param url the variable's value for {@link Source#URL}, else null
 */
public record ServiceSelection(Source source, @Nullable String url, String reason) {

  /** The three places a service can come from. */
  public enum Source {
    /** A running instance, from the service's variable. */
    URL,
    /** A container started by Testcontainers for this JVM. */
    CONTAINER,
    /** Neither: the tests that need the service are skipped. */
    NONE
  }

  /**
   * Selects the service's source: the variable wins when set (without asking Docker), else a
   * container when {@code docker} says an engine answers, else none.
   *
   * @param env reads an environment variable (null when unset)
   * @param docker whether a Docker engine answers; called only when the variable is unset
   */
  public static ServiceSelection select(
      TestService service, Function<String, String> env, BooleanSupplier docker) {
    String url = env.apply(service.urlVariable());
    if (url != null && !url.isBlank()) {
      return new ServiceSelection(
          Source.URL, url.strip(), service.displayName() + " from " + service.urlVariable());
    }
    if (docker.getAsBoolean()) {
      return new ServiceSelection(
          Source.CONTAINER,
          null,
          service.displayName() + " in a Testcontainers container (" + service.image() + ")");
    }
    return new ServiceSelection(
        Source.NONE,
        null,
        "needs "
            + service.displayName()
            + ": set "
            + service.urlVariable()
            + " to a running one (as .ci/run does), or start a Docker engine so that"
            + " Testcontainers runs "
            + service.image());
  }

  /** Whether the tests that need the service can run. */
  public boolean available() {
    return source != Source.NONE;
  }
}

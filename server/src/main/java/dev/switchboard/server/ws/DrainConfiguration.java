package dev.switchboard.server.ws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * DrainConfiguration holds the {@code switchboard.drain.*} settings of a node that is stopping: the
 * longest the drain may take ({@code window}) and how many reconnects per second it lets its
 * clients make on the other nodes ({@code reconnects-per-second}), which sets how far it spreads
 * them: 5,000 clients at 500/s over 10 s, 50 clients over 100 ms.
 */
@ConfigurationProperties("switchboard.drain")
public record DrainConfiguration(
    @Bindable(defaultValue = "10s") Duration window,
    @Bindable(defaultValue = "500") int reconnectsPerSecond) {

  /** Rejects a negative window or a rate that is not positive. */
  public DrainConfiguration {
    if (window.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.drain.window must not be negative (0s closes every socket at once)");
    }
    if (reconnectsPerSecond < 1) {
      throw new IllegalArgumentException(
          "switchboard.drain.reconnects-per-second must be positive (default 500)");
    }
  }
}

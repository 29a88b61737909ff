package dev.switchboard.server.shell;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ShellConfiguration holds the {@code switchboard.shell.*} settings: how long a detached shell
 * lives, how many shells one token may hold, how much scrollback is replayed on attach, and the
 * flow-control marks of unsent output per socket.
 */
@ConfigurationProperties("switchboard.shell")
public record ShellConfiguration(
    @Bindable(defaultValue = "60s") Duration gracePeriod,
    @Bindable(defaultValue = "5s") Duration killAfter,
    @Bindable(defaultValue = "8") int maxPerToken,
    @Bindable(defaultValue = "262144") int scrollbackBytes,
    @Bindable(defaultValue = "262144") long highWaterBytes,
    @Bindable(defaultValue = "65536") long lowWaterBytes) {

  /** Rejects settings that cannot work, saying which one. */
  public ShellConfiguration {
    if (gracePeriod.isNegative() || killAfter.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.shell.grace-period and kill-after must not be negative; write e.g. 60s");
    }
    if (maxPerToken < 1 || scrollbackBytes < 1) {
      throw new IllegalArgumentException(
          "switchboard.shell.max-per-token and scrollback-bytes must be positive");
    }
    if (lowWaterBytes < 0 || highWaterBytes <= lowWaterBytes) {
      throw new IllegalArgumentException(
          "switchboard.shell.high-water-bytes ("
              + highWaterBytes
              + ") must be above low-water-bytes ("
              + lowWaterBytes
              + ")");
    }
  }
}

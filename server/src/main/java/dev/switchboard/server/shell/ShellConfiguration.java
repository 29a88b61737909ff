package dev.switchboard.server.shell;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * ShellConfiguration holds the {@code switchboard.shell.*} settings: how long a detached shell
 * lives, how many shells one token may hold, how much scrollback is replayed on attach, and the
 * flow-control marks of unsent output per socket.
 *
 * <p>{@code keepalive-interval} is how long a shell socket may stay silent before the server pings
 * it, and then how long it waits for the answer before dropping it ({@link ShellKeepAlive}).
 *
 * <p>{@code command} replaces the login shell ({@code $SHELL -l}, else {@code /bin/bash -l}) with
 * an explicit command line, e.g. {@code [/bin/bash, --noprofile, --norc]} where the user's profile
 * is slow or must not run.
 */
@ConfigurationProperties("switchboard.shell")
public record ShellConfiguration(
    @Bindable(defaultValue = "60s") Duration gracePeriod,
    @Bindable(defaultValue = "5s") Duration killAfter,
    @Bindable(defaultValue = "8") int maxPerToken,
    @Bindable(defaultValue = "262144") int scrollbackBytes,
    @Bindable(defaultValue = "262144") long highWaterBytes,
    @Bindable(defaultValue = "65536") long lowWaterBytes,
    @Bindable(defaultValue = "30s") Duration keepaliveInterval,
    @Nullable List<String> command) {

  /** Rejects settings that cannot work, saying which one. */
  public ShellConfiguration {
    command = command == null ? List.of() : List.copyOf(command);
    if (gracePeriod.isNegative() || killAfter.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.shell.grace-period and kill-after must not be negative; write e.g. 60s");
    }
    if (keepaliveInterval.isNegative() || keepaliveInterval.isZero()) {
      throw new IllegalArgumentException(
          "switchboard.shell.keepalive-interval must be positive; write e.g. 30s");
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

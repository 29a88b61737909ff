package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellOutputEvent ({@code output}): sent by the server with bytes the PTY produced, decoded as
 * UTF-8.
 */
@Serdeable
public record ShellOutputEvent(String channel, ShellOutputData data) implements ShellEvent {

  /** Validates that both components are present. */
  public ShellOutputEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellEventType type() {
    return ShellEventType.OUTPUT;
  }
}

package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellExitEvent ({@code exit}): sent by the server when the shell process ends; the socket closes
 * after it.
 */
@Serdeable
public record ShellExitEvent(String channel, ShellExitData data) implements ShellEvent {

  /** Validates that both components are present. */
  public ShellExitEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellEventType type() {
    return ShellEventType.EXIT;
  }
}

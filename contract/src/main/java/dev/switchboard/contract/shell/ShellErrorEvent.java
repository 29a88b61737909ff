package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellErrorEvent ({@code error}): sent by the server when a shell command fails (bad size, shell
 * gone).
 */
@Serdeable
public record ShellErrorEvent(String channel, ShellErrorData data) implements ShellEvent {

  /** Validates that both components are present. */
  public ShellErrorEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellEventType type() {
    return ShellEventType.ERROR;
  }
}

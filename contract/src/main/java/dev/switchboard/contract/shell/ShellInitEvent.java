package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellInitEvent ({@code init}): sent by the server once the shell's PTY is attached to this
 * socket, with its actual size and working directory.
 */
@Serdeable
public record ShellInitEvent(String channel, ShellInitData data) implements ShellEvent {

  /** Validates that both components are present. */
  public ShellInitEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellEventType type() {
    return ShellEventType.INIT;
  }
}

package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellInputCommand ({@code input}): sent by the client with keystrokes or pasted text for the PTY.
 */
@Serdeable
public record ShellInputCommand(String channel, ShellInputData data) implements ShellCommand {

  /** Validates that both components are present. */
  public ShellInputCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellCommandType type() {
    return ShellCommandType.INPUT;
  }
}

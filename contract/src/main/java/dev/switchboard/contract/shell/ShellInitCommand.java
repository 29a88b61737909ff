package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellInitCommand ({@code init}): sent by the client first on a shell socket, with the terminal's
 * size; the server answers {@code init}.
 */
@Serdeable
public record ShellInitCommand(String channel, ShellSize data) implements ShellCommand {

  /** Validates that both components are present. */
  public ShellInitCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellCommandType type() {
    return ShellCommandType.INIT;
  }
}

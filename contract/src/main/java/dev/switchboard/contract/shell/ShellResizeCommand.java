package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** ShellResizeCommand ({@code resize}): sent by the client when the terminal's size changes. */
@Serdeable
public record ShellResizeCommand(String channel, ShellSize data) implements ShellCommand {

  /** Validates that both components are present. */
  public ShellResizeCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ShellCommandType type() {
    return ShellCommandType.RESIZE;
  }
}

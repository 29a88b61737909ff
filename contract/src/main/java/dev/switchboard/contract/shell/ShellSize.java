package dev.switchboard.contract.shell;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellSize is a terminal size in character cells, within {@link ProtocolConstants#SHELL_MAX_COLS}
 * columns and {@link ProtocolConstants#SHELL_MAX_ROWS} rows.
 */
@Serdeable
public record ShellSize(int cols, int rows) {

  /** Validates the size against the protocol's bounds. */
  public ShellSize {
    if (cols < 1 || cols > ProtocolConstants.SHELL_MAX_COLS) {
      throw new IllegalArgumentException(
          "cols must be 1.." + ProtocolConstants.SHELL_MAX_COLS + ", was " + cols);
    }
    if (rows < 1 || rows > ProtocolConstants.SHELL_MAX_ROWS) {
      throw new IllegalArgumentException(
          "rows must be 1.." + ProtocolConstants.SHELL_MAX_ROWS + ", was " + rows);
    }
  }
}

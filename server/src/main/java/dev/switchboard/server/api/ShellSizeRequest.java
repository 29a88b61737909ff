package dev.switchboard.server.api;

import dev.switchboard.contract.ProtocolConstants;
import dev.switchboard.contract.shell.ShellSize;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellSizeRequest is the optional body of {@code POST /api/projects/{projectId}/shells}: {@code
 * {"cols": 120, "rows": 40}}; either may be left out (80 columns, 24 rows).
 */
@Serdeable
record ShellSizeRequest(@Nullable Integer cols, @Nullable Integer rows) {

  static final int DEFAULT_COLS = 80;
  static final int DEFAULT_ROWS = 24;

  /** What is wrong with the size, phrased as the fix; null when it is valid. */
  @Nullable
  String problem() {
    int c = cols == null ? DEFAULT_COLS : cols;
    int r = rows == null ? DEFAULT_ROWS : rows;
    if (c < 1
        || c > ProtocolConstants.SHELL_MAX_COLS
        || r < 1
        || r > ProtocolConstants.SHELL_MAX_ROWS) {
      return "cols must be 1.."
          + ProtocolConstants.SHELL_MAX_COLS
          + " and rows 1.."
          + ProtocolConstants.SHELL_MAX_ROWS
          + " (was "
          + c
          + "x"
          + r
          + "): send {\"cols\": 80, \"rows\": 24} or no body";
    }
    return null;
  }

  ShellSize size() {
    return new ShellSize(cols == null ? DEFAULT_COLS : cols, rows == null ? DEFAULT_ROWS : rows);
  }
}

package dev.switchboard.contract.compat;

/**
 * SchemaChange is one difference between the baseline contract and the current one: where it is
 * ({@code SessionEvent.stream_output.data.seq}), in which direction, what changed and its {@link
 * Level}.
 */
public record SchemaChange(Level level, Direction direction, String path, String description) {

  /** One report line: level, direction, path and what changed. */
  public String line() {
    return String.format("%-32s %-16s %s: %s", level.label(), direction.label(), path, description);
  }
}

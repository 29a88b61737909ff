package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** ShellInputData is text to write to the PTY, as the terminal produced it (keys, paste). */
@Serdeable
public record ShellInputData(String data) {

  /** Validates that the data is present. */
  public ShellInputData {
    Objects.requireNonNull(data, "data");
  }
}

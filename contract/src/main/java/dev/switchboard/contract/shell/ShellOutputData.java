package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** ShellOutputData is terminal output, whole UTF-8 text including escape sequences. */
@Serdeable
public record ShellOutputData(String data) {

  /** Validates that the data is present. */
  public ShellOutputData {
    Objects.requireNonNull(data, "data");
  }
}

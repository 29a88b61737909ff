package dev.switchboard.contract.shell;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** ShellErrorData reports a failed shell command with a stable code. */
@Serdeable
public record ShellErrorData(ErrorCode code, String message) {

  /** Validates that both components are present. */
  public ShellErrorData {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}

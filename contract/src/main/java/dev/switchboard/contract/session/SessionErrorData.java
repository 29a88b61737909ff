package dev.switchboard.contract.session;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** SessionErrorData reports a failed session command, naming the message when one is involved. */
@Serdeable
public record SessionErrorData(ErrorCode code, String message, @Nullable String messageId) {

  /** Validates that the code and message are present. */
  public SessionErrorData {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}

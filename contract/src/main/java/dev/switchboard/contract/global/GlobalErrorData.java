package dev.switchboard.contract.global;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * GlobalErrorData reports a frame the server could not handle; {@code retryable} tells the client
 * whether sending the same frame again later can succeed.
 */
@Serdeable
public record GlobalErrorData(ErrorCode code, String message, boolean retryable) {

  /** Validates that the code and message are present. */
  public GlobalErrorData {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}

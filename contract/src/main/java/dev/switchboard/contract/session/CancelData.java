package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** CancelData names the running agent reply to stop. */
@Serdeable
public record CancelData(String messageId) {

  /** Validates that the message id is present. */
  public CancelData {
    Objects.requireNonNull(messageId, "messageId");
  }
}

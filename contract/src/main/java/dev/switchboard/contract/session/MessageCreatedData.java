package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** MessageCreatedData carries the message as stored. */
@Serdeable
public record MessageCreatedData(SessionMessage message) {

  /** Validates that the message is present. */
  public MessageCreatedData {
    Objects.requireNonNull(message, "message");
  }
}

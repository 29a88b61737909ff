package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SendMessageData is the text to send and an id the client chose for it, echoed in {@code
 * message_created} so the sending tab can match it.
 */
@Serdeable
public record SendMessageData(String text, String clientMessageId) {

  /** Validates that the text is not blank and the id is present. */
  public SendMessageData {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
  }
}

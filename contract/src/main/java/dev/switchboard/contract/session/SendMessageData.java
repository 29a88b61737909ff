package dev.switchboard.contract.session;

import dev.switchboard.contract.ProtocolConstants;
import dev.switchboard.contract.TextRules;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SendMessageData is the text to send and an id the client chose for it, echoed in {@code
 * message_created} so the sending tab can match it. Both are stored: the text is plain text of at
 * most {@link ProtocolConstants#MAX_MESSAGE_TEXT_LENGTH} chars, the id one line of at most {@link
 * ProtocolConstants#MAX_CLIENT_MESSAGE_ID_LENGTH} ({@link TextRules}).
 */
@Serdeable
public record SendMessageData(String text, String clientMessageId) {

  /** Validates the text (not blank, plain text, bounded) and the id (1 line, bounded). */
  public SendMessageData {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (clientMessageId.isEmpty()) {
      throw new IllegalArgumentException("clientMessageId must not be empty");
    }
    String problem = TextRules.textProblem("text", text, ProtocolConstants.MAX_MESSAGE_TEXT_LENGTH);
    if (problem == null) {
      problem =
          TextRules.lineProblem(
              "clientMessageId", clientMessageId, ProtocolConstants.MAX_CLIENT_MESSAGE_ID_LENGTH);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}

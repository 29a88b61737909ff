package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * StreamOutputData is one chunk of an agent reply: {@code seq} is its index within the message (0,
 * 1, 2, …), {@code chunk} is whole UTF-8 text (never a split character).
 */
@Serdeable
public record StreamOutputData(String messageId, long seq, String chunk, OutputStreamName stream) {

  /** Validates the components. */
  public StreamOutputData {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(stream, "stream");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative");
    }
  }
}

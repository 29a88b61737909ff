package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * MessageCompleteEvent ({@code message_complete}): published by the server when the agent's reply
 * ends (exit, failure, cancel, timeout); {@code chunkCount} proves the reply is whole.
 */
@Serdeable
public record MessageCompleteEvent(String channel, MessageCompleteData data)
    implements SessionEvent {

  /** Validates that both components are present. */
  public MessageCompleteEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionEventType type() {
    return SessionEventType.MESSAGE_COMPLETE;
  }
}

package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * MessageCreatedEvent ({@code message_created}): published by the server when a message is stored:
 * the user's message on {@code send_message}, then the agent's reply as it starts running.
 */
@Serdeable
public record MessageCreatedEvent(String channel, MessageCreatedData data) implements SessionEvent {

  /** Validates that both components are present. */
  public MessageCreatedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionEventType type() {
    return SessionEventType.MESSAGE_CREATED;
  }
}

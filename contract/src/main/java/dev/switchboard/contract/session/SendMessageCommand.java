package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SendMessageCommand ({@code send_message}): sent by the client to post a message; the server
 * stores it and starts the agent.
 */
@Serdeable
public record SendMessageCommand(String channel, SendMessageData data) implements SessionCommand {

  /** Validates that both components are present. */
  public SendMessageCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionCommandType type() {
    return SessionCommandType.SEND_MESSAGE;
  }
}

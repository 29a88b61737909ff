package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * UnsubscribeCommand ({@code unsubscribe}): sent by the client to leave a channel; the server
 * answers {@code unsubscribed}.
 */
@Serdeable
public record UnsubscribeCommand(String channel, UnsubscribeData data) implements GlobalCommand {

  /** Validates that both components are present. */
  public UnsubscribeCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalCommandType type() {
    return GlobalCommandType.UNSUBSCRIBE;
  }
}

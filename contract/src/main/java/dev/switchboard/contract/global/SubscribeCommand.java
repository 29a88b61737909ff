package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SubscribeCommand ({@code subscribe}): sent by the client to join a channel, optionally recovering
 * from a stream position it already holds.
 */
@Serdeable
public record SubscribeCommand(String channel, SubscribeData data) implements GlobalCommand {

  /** Validates that both components are present. */
  public SubscribeCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalCommandType type() {
    return GlobalCommandType.SUBSCRIBE;
  }
}

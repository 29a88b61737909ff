package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * PingCommand ({@code ping}): sent by the client every heartbeat interval; the server answers
 * {@code pong} with the same {@code ref}.
 */
@Serdeable
public record PingCommand(String channel, PingData data) implements GlobalCommand {

  /** Validates that both components are present. */
  public PingCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalCommandType type() {
    return GlobalCommandType.PING;
  }
}

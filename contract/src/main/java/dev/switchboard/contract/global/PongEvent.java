package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * PongEvent ({@code pong}): sent by the server in reply to every {@code ping}, immediately, with
 * the ping's {@code ref}.
 */
@Serdeable
public record PongEvent(String channel, PongData data) implements GlobalEvent {

  /** Validates that both components are present. */
  public PongEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.PONG;
  }
}

package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ConnectedEvent ({@code connected}): sent by the server once, as the first frame after the
 * upgrade: who the connection is and which limits apply.
 */
@Serdeable
public record ConnectedEvent(String channel, ConnectedData data) implements GlobalEvent {

  /** Validates that both components are present. */
  public ConnectedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.CONNECTED;
  }
}

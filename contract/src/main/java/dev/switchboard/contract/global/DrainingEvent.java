package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * DrainingEvent ({@code draining}): sent by a server node that is shutting down, right before it
 * closes the connection with {@code 4001}, with the delay the client should wait before it
 * reconnects (to another node, through the load balancer).
 */
@Serdeable
public record DrainingEvent(String channel, DrainingData data) implements GlobalEvent {

  /** Validates that both components are present. */
  public DrainingEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.DRAINING;
  }
}

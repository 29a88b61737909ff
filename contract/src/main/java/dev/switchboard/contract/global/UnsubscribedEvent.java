package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * UnsubscribedEvent ({@code unsubscribed}): sent by the server when a subscription ends: after the
 * client's {@code unsubscribe}, or when the server ends it (channel deleted, access revoked).
 */
@Serdeable
public record UnsubscribedEvent(String channel, UnsubscribedData data) implements GlobalEvent {

  /** Validates that both components are present. */
  public UnsubscribedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.UNSUBSCRIBED;
  }
}

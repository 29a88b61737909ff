package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SubscriptionErrorEvent ({@code subscription_error}): sent by the server when a {@code subscribe}
 * is refused (malformed or unknown channel, forbidden, too many subscriptions); the connection
 * stays open.
 */
@Serdeable
public record SubscriptionErrorEvent(String channel, SubscriptionErrorData data)
    implements GlobalEvent {

  /** Validates that both components are present. */
  public SubscriptionErrorEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.SUBSCRIPTION_ERROR;
  }
}

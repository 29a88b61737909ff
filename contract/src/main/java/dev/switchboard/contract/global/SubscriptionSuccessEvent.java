package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SubscriptionSuccessEvent ({@code subscription_success}): sent by the server when a {@code
 * subscribe} is accepted, before any event of that channel; on a recovering subscribe, before the
 * replayed events.
 */
@Serdeable
public record SubscriptionSuccessEvent(String channel, SubscriptionSuccessData data)
    implements GlobalEvent {

  /** Validates that both components are present. */
  public SubscriptionSuccessEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.SUBSCRIPTION_SUCCESS;
  }
}

package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SubscriptionSuccessData confirms a subscription and states where the channel's stream stands.
 *
 * <p>{@code epoch} and {@code offset} are the stream position just before the first live event this
 * subscription will deliver. {@code recovered} is true when the subscribe asked to recover and
 * every missed event follows; false when it asked and history could not cover the gap (the client
 * must reload state over REST), and false when it did not ask.
 */
@Serdeable
public record SubscriptionSuccessData(
    String channel, String epoch, long offset, boolean recovered) {

  /** Validates the channel and position. */
  public SubscriptionSuccessData {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(epoch, "epoch");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
  }
}

package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** UnsubscribeData names the channel to leave. */
@Serdeable
public record UnsubscribeData(String channel) {

  /** Validates that the channel is present. */
  public UnsubscribeData {
    Objects.requireNonNull(channel, "channel");
  }
}

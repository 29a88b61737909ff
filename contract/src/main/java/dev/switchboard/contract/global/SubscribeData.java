package dev.switchboard.contract.global;

import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SubscribeData names the channel to join and, when the client already holds part of its stream,
 * the last position it applied: the server then replays every later event or answers {@code
 * recovered: false}.
 */
@Serdeable
public record SubscribeData(String channel, @Nullable StreamPosition since) {

  /** Validates that the channel is present; its grammar is checked by the server. */
  public SubscribeData {
    Objects.requireNonNull(channel, "channel");
  }
}

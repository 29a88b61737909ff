package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * GlobalErrorEvent ({@code error}): sent by the server when a frame cannot be handled (malformed
 * JSON, unknown type, rate limited); the connection stays usable unless a close follows.
 */
@Serdeable
public record GlobalErrorEvent(String channel, GlobalErrorData data) implements GlobalEvent {

  /** Validates that both components are present. */
  public GlobalErrorEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public GlobalEventType type() {
    return GlobalEventType.ERROR;
  }
}

package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SessionErrorEvent ({@code error}): published by the server when a session command fails (for
 * example {@code conflict} while a message runs).
 */
@Serdeable
public record SessionErrorEvent(String channel, SessionErrorData data) implements SessionEvent {

  /** Validates that both components are present. */
  public SessionErrorEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionEventType type() {
    return SessionEventType.ERROR;
  }
}

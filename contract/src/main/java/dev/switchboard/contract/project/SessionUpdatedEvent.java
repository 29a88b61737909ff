package dev.switchboard.contract.project;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SessionUpdatedEvent ({@code session_updated}): published by the server after a session of the
 * project changes (title, status, message count).
 */
@Serdeable
public record SessionUpdatedEvent(String channel, SessionSummary data) implements ProjectEvent {

  /** Validates that both components are present. */
  public SessionUpdatedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ProjectEventType type() {
    return ProjectEventType.SESSION_UPDATED;
  }
}

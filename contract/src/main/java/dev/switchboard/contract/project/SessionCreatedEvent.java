package dev.switchboard.contract.project;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SessionCreatedEvent ({@code session_created}): published by the server after a session is created
 * in the project.
 */
@Serdeable
public record SessionCreatedEvent(String channel, SessionSummary data) implements ProjectEvent {

  /** Validates that both components are present. */
  public SessionCreatedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ProjectEventType type() {
    return ProjectEventType.SESSION_CREATED;
  }
}

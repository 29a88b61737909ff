package dev.switchboard.contract.project;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * SessionDeletedEvent ({@code session_deleted}): published by the server after a session of the
 * project is deleted.
 */
@Serdeable
public record SessionDeletedEvent(String channel, SessionDeletedData data) implements ProjectEvent {

  /** Validates that both components are present. */
  public SessionDeletedEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ProjectEventType type() {
    return ProjectEventType.SESSION_DELETED;
  }
}

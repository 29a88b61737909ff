package dev.switchboard.contract.project;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Objects;

/**
 * SessionSummary is a session as a project lists it: identity, title, whether an agent reply is
 * running, and how many messages it holds. Times are ISO-8601 instants on the wire.
 */
@Serdeable
public record SessionSummary(
    String id,
    String projectId,
    String title,
    SessionStatus status,
    int messageCount,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates that every component is present. */
  public SessionSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (messageCount < 0) {
      throw new IllegalArgumentException("messageCount must not be negative");
    }
  }
}

package dev.switchboard.server.session;

import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.project.SessionSummary;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Objects;

/**
 * AgentSession is a row of the {@code sessions} table: a conversation with the agent inside one
 * project. Clients see it as a {@link SessionSummary}.
 */
@MappedEntity("sessions")
public record AgentSession(
    @Id String id,
    String projectId,
    String title,
    SessionStatus status,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates that every component is present. */
  public AgentSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** This session as the contract describes it, with its message count. */
  public SessionSummary toSummary(long messageCount) {
    return new SessionSummary(
        id, projectId, title, status, Math.toIntExact(messageCount), createdAt, updatedAt);
  }

  /** A copy with a new title and update time. */
  public AgentSession withTitle(String newTitle, Instant now) {
    return new AgentSession(id, projectId, newTitle, status, createdAt, now);
  }
}

package dev.switchboard.server.session;

import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.server.storage.Ids;
import dev.switchboard.server.storage.Timestamps;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SessionStore creates, reads, renames and deletes agent sessions; each method is one transaction,
 * so callers publish channel events only after it returns (committed).
 */
@Singleton
public class SessionStore {

  private final SessionRepository sessions;
  private final MessageRepository messages;

  /** Creates the store over the sessions and messages tables. */
  public SessionStore(SessionRepository sessions, MessageRepository messages) {
    this.sessions = sessions;
    this.messages = messages;
  }

  /** Stores a new idle session in the project, which must exist. */
  @Transactional
  public SessionSummary create(String projectId, String title) {
    Instant now = Timestamps.next();
    AgentSession created =
        sessions.save(
            new AgentSession(Ids.newId(), projectId, title, SessionStatus.IDLE, now, now));
    return created.toSummary(0);
  }

  /** The project's sessions, oldest first. */
  @Transactional(readOnly = true)
  public List<SessionSummary> list(String projectId) {
    return sessions.findByProjectIdOrderByCreatedAt(projectId).stream()
        .map(session -> session.toSummary(messages.countBySessionId(session.id())))
        .toList();
  }

  /** The session with this id. */
  @Transactional(readOnly = true)
  public Optional<AgentSession> find(String id) {
    return sessions.findById(id);
  }

  /** The message with this id if it belongs to the session; empty otherwise. */
  @Transactional(readOnly = true)
  public Optional<StoredMessage> message(String sessionId, String messageId) {
    return messages.findById(messageId).filter(message -> message.sessionId().equals(sessionId));
  }

  /** The session and its messages, as of one moment. */
  @Transactional(readOnly = true)
  public Optional<SessionSnapshot> snapshot(String id) {
    return sessions
        .findById(id)
        .map(
            session -> {
              List<StoredMessage> stored = messages.findBySessionIdOrderByCreatedAt(id);
              return new SessionSnapshot(
                  session.toSummary(stored.size()),
                  stored.stream().map(StoredMessage::toMessage).toList());
            });
  }

  /** Gives the session a new title; empty when no session has this id. */
  @Transactional
  public Optional<SessionSummary> rename(String id, String title) {
    return sessions
        .findById(id)
        .map(
            session -> {
              AgentSession renamed = sessions.update(session.withTitle(title, Timestamps.next()));
              return renamed.toSummary(messages.countBySessionId(id));
            });
  }

  /** Deletes the session and its messages; returns what was deleted, empty if nothing was. */
  @Transactional
  public Optional<AgentSession> delete(String id) {
    Optional<AgentSession> session = sessions.findById(id);
    session.ifPresent(found -> sessions.deleteById(found.id()));
    return session;
  }
}

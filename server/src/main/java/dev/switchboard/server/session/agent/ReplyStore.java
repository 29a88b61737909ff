package dev.switchboard.server.session.agent;

import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectRepository;
import dev.switchboard.server.session.AgentSession;
import dev.switchboard.server.session.MessageRepository;
import dev.switchboard.server.session.SessionRepository;
import dev.switchboard.server.session.StoredMessage;
import dev.switchboard.server.storage.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * ReplyStore records agent replies: the user's message with the reply it starts, output in batches,
 * the end of a reply, and replies a previous server left running. Each method is one transaction;
 * the session's status follows its reply (running, then idle).
 */
@Singleton
class ReplyStore {

  private final ProjectRepository projects;
  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final ReplyRepository replies;

  ReplyStore(
      ProjectRepository projects,
      SessionRepository sessions,
      MessageRepository messages,
      ReplyRepository replies) {
    this.projects = projects;
    this.sessions = sessions;
    this.messages = messages;
    this.replies = replies;
  }

  /** A user message stored with the reply it started, the session now running, and where to run. */
  record Started(StoredMessage user, StoredMessage agent, SessionSummary session, Path directory) {}

  /** A reply a previous server left running, now interrupted, and its idle session. */
  record Interrupted(
      StoredMessage agent, long durationMs, long chunkCount, SessionSummary session) {}

  /** Stores the user's message and the running reply; empty when the session no longer exists. */
  @Transactional
  public Optional<Started> start(
      String sessionId, String userId, String agentId, String text, String clientMessageId) {
    Optional<AgentSession> session = sessions.findById(sessionId);
    Optional<Project> project = session.map(AgentSession::projectId).flatMap(projects::findById);
    if (session.isEmpty() || project.isEmpty()) {
      return Optional.empty();
    }
    Instant now = Timestamps.next();
    StoredMessage user =
        messages.save(
            new StoredMessage(
                userId,
                sessionId,
                MessageRole.USER,
                text,
                MessageStatus.COMPLETED,
                clientMessageId,
                null,
                null,
                now,
                now,
                true));
    StoredMessage agent =
        messages.save(
            new StoredMessage(
                agentId,
                sessionId,
                MessageRole.AGENT,
                "",
                MessageStatus.RUNNING,
                null,
                userId,
                null,
                Timestamps.next(),
                null,
                true));
    return Optional.of(
        new Started(
            user,
            agent,
            setStatus(session.get(), SessionStatus.RUNNING),
            Path.of(project.get().path())));
  }

  /**
   * Appends a batch of output, complete up to stream position {@code upTo} (committed together);
   * false when the reply's row is gone (its session was deleted).
   */
  @Transactional
  public boolean append(
      String agentId, String output, long chunkCount, boolean truncated, StreamPosition upTo) {
    if (replies.appendOutput(agentId, output, chunkCount, truncated) == 0) {
      return false;
    }
    replies.recordStreamPosition(agentId, upTo.epoch(), upTo.offset());
    return true;
  }

  /** Records the position of the reply's {@code message_created}: its (empty) output ends there. */
  @Transactional
  public void started(String agentId, StreamPosition createdAt) {
    replies.recordStreamPosition(agentId, createdAt.epoch(), createdAt.offset());
  }

  /** The reply's stored content and the stream position it is complete up to, read together. */
  @Transactional(readOnly = true)
  public Optional<StoredOutput> storedOutput(String agentId) {
    return replies.findStoredOutput(agentId);
  }

  /** Ends the reply and idles its session; empty when the session is gone. */
  @Transactional
  public Optional<SessionSummary> finish(
      String sessionId,
      String agentId,
      String output,
      MessageStatus status,
      @Nullable Integer exitCode,
      long durationMs,
      long chunkCount,
      boolean truncated,
      StreamPosition upTo) {
    replies.finish(
        agentId,
        output,
        status.name(),
        exitCode,
        Timestamps.next(),
        durationMs,
        chunkCount,
        truncated);
    replies.recordStreamPosition(agentId, upTo.epoch(), upTo.offset());
    return sessions.findById(sessionId).map(session -> setStatus(session, SessionStatus.IDLE));
  }

  /**
   * Marks every reply stored as running, except those {@code alive} accepts, as interrupted,
   * keeping the output stored so far, flagged as possibly incomplete (output printed after the last
   * flush died with the server), and idles their sessions.
   */
  @Transactional
  public List<Interrupted> interruptLeftovers(Predicate<StoredMessage> alive) {
    List<Interrupted> interrupted = new ArrayList<>();
    Instant now = Timestamps.next();
    for (StoredMessage agent : replies.findByStatus(MessageStatus.RUNNING)) {
      if (alive.test(agent)) {
        continue;
      }
      long durationMs = Math.max(0, Duration.between(agent.createdAt(), now).toMillis());
      long chunkCount = replies.chunkCount(agent.id());
      replies.finish(
          agent.id(),
          "",
          MessageStatus.INTERRUPTED.name(),
          null,
          now,
          durationMs,
          chunkCount,
          false);
      replies.markOutputIncomplete(agent.id());
      sessions
          .findById(agent.sessionId())
          .map(session -> setStatus(session, SessionStatus.IDLE))
          .ifPresent(
              session -> interrupted.add(new Interrupted(agent, durationMs, chunkCount, session)));
    }
    return interrupted;
  }

  private SessionSummary setStatus(AgentSession session, SessionStatus status) {
    AgentSession updated =
        sessions.update(
            new AgentSession(
                session.id(),
                session.projectId(),
                session.title(),
                status,
                session.createdAt(),
                Timestamps.next()));
    return updated.toSummary(messages.countBySessionId(session.id()));
  }
}

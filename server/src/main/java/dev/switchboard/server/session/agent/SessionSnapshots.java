package dev.switchboard.server.session.agent;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.session.SessionMessage;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * SessionSnapshots reads a session with its messages and the position of {@code session:<id>} as of
 * one moment: under the session's {@link SessionMutex}, with the output a running reply has
 * published but not yet stored added to its content. Subscribing with {@code since: position} then
 * delivers exactly the events after the snapshot: nothing missing, nothing twice.
 */
@Singleton
public final class SessionSnapshots {

  private final SessionMutex mutex;
  private final Broker broker;
  private final SessionStore sessions;
  private final ActiveRuns active;

  SessionSnapshots(SessionMutex mutex, Broker broker, SessionStore sessions, ActiveRuns active) {
    this.mutex = mutex;
    this.broker = broker;
    this.sessions = sessions;
    this.active = active;
  }

  /** A session's snapshot and the stream position it matches. */
  public record Positioned(SessionSnapshot snapshot, StreamPosition position) {}

  /** The session as of one stream position; empty when it does not exist. */
  public Optional<Positioned> read(String sessionId) {
    return mutex.call(
        sessionId,
        () -> {
          StreamPosition position = broker.position(Channels.session(sessionId));
          return sessions
              .snapshot(sessionId)
              .map(snapshot -> new Positioned(withUnflushedOutput(snapshot, sessionId), position));
        });
  }

  private SessionSnapshot withUnflushedOutput(SessionSnapshot snapshot, String sessionId) {
    Optional<AgentRun> run = active.inSession(sessionId);
    if (run.isEmpty()) {
      return snapshot;
    }
    List<SessionMessage> messages =
        snapshot.messages().stream()
            .map(
                message ->
                    run.get()
                        .unflushedOutput(message.id())
                        .map(tail -> withContent(message, message.content() + tail))
                        .orElse(message))
            .toList();
    return new SessionSnapshot(snapshot.session(), messages);
  }

  private static SessionMessage withContent(SessionMessage message, String content) {
    return new SessionMessage(
        message.id(),
        message.sessionId(),
        message.role(),
        content,
        message.status(),
        message.clientMessageId(),
        message.replyTo(),
        message.exitCode(),
        message.createdAt(),
        message.completedAt());
  }
}

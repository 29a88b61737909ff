package dev.switchboard.server.session.agent;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.SessionMessage;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * SessionSnapshots reads a session with its messages and a position of {@code session:<id>} that
 * matches them: subscribing with {@code since: position} then delivers exactly the events the
 * snapshot lacks, with nothing missing and no chunk twice.
 *
 * <p>When the session's reply runs on this node, the read happens under the session's {@link
 * SessionMutex}, which the run holds while it publishes: the position is the current one and the
 * output the run has published but not yet stored is added to the reply's content.
 *
 * <p>When a reply is running on another node (several nodes sharing Redis and the database), this
 * node neither holds that mutex nor knows the unstored output. The reply's content is then read
 * again together with the position it is complete up to, which the running node stores with every
 * batch of output (migration V4), and that older position is handed out: the replay from it carries
 * the chunks the stored content lacks. Everything else on the channel after that position is a
 * repeat the client applies idempotently (a message it already has, by id).
 */
@Singleton
public final class SessionSnapshots {

  private final SessionMutex mutex;
  private final ChannelHub hub;
  private final SessionStore sessions;
  private final ActiveRuns active;
  private final ReplyStore replies;

  SessionSnapshots(
      SessionMutex mutex,
      ChannelHub hub,
      SessionStore sessions,
      ActiveRuns active,
      ReplyStore replies) {
    this.mutex = mutex;
    this.hub = hub;
    this.sessions = sessions;
    this.active = active;
    this.replies = replies;
  }

  /** A session's snapshot and the stream position it matches. */
  public record Positioned(SessionSnapshot snapshot, StreamPosition position) {}

  /** The session as of one stream position; empty when it does not exist. */
  public Optional<Positioned> read(String sessionId) {
    return mutex.call(
        sessionId,
        () -> {
          StreamPosition position = hub.position(new ChannelName(ChannelKind.SESSION, sessionId));
          return sessions
              .snapshot(sessionId)
              .map(
                  snapshot ->
                      active
                          .inSession(sessionId)
                          .map(run -> new Positioned(withUnflushedOutput(snapshot, run), position))
                          .orElseGet(() -> runningElsewhere(snapshot, position)));
        });
  }

  /**
   * The snapshot of a session whose reply, if one is running, runs on another node: that reply's
   * content re-read with the position it is complete up to, when that position is of the current
   * epoch; otherwise the snapshot as read, at the current position.
   */
  private Positioned runningElsewhere(SessionSnapshot snapshot, StreamPosition current) {
    Optional<SessionMessage> running =
        snapshot.messages().stream()
            .filter(message -> message.status() == MessageStatus.RUNNING)
            .filter(message -> message.role() == MessageRole.AGENT)
            .findFirst();
    if (running.isEmpty()) {
      return new Positioned(snapshot, current);
    }
    Optional<StoredOutput> stored = replies.storedOutput(running.get().id());
    Optional<StreamPosition> upTo = stored.flatMap(StoredOutput::position);
    if (upTo.isEmpty() || !upTo.get().epoch().equals(current.epoch())) {
      return new Positioned(snapshot, current);
    }
    String content = stored.get().content();
    List<SessionMessage> messages =
        snapshot.messages().stream()
            .map(message -> message == running.get() ? withContent(message, content) : message)
            .toList();
    return new Positioned(new SessionSnapshot(snapshot.session(), messages), upTo.get());
  }

  private SessionSnapshot withUnflushedOutput(SessionSnapshot snapshot, AgentRun run) {
    List<SessionMessage> messages =
        snapshot.messages().stream()
            .map(
                message ->
                    run.unflushedOutput(message.id())
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
        message.completedAt(),
        message.outputComplete());
  }
}

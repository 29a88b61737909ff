package dev.switchboard.server.session;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.server.channel.SessionOwnership;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * StoredSessionOwnership answers {@link SessionOwnership} from the {@code sessions} table, so
 * scoped tokens may subscribe to {@code session:<id>} of their projects' sessions (and the admin is
 * told {@code not_found} for sessions that do not exist).
 *
 * <p>It is asked on the socket's event loop for every subscribe and session command, so it
 * remembers each answer found: a session never changes project, and a deleted one is {@link #forget
 * forgotten} by the node that deletes it. Another node of a deployment may remember a deleted
 * session until it restarts or its memory fills; that only lets a client subscribe to a channel
 * nothing is published on any more, and a {@code send_message} there is still refused ({@code
 * not_found}) when the reply cannot be stored. Misses (ids of no session) are not remembered, since
 * the session may be created a moment later.
 */
@Singleton
public class StoredSessionOwnership implements SessionOwnership {

  /** Answers kept at most; past it the memory starts over (a session costs one database read). */
  static final int MAX_REMEMBERED = 100_000;

  private final SessionRepository sessions;
  private final Map<String, String> projects = new ConcurrentHashMap<>();

  /** Creates the lookup over the sessions table. */
  public StoredSessionOwnership(SessionRepository sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<String> projectOf(String sessionId) {
    if (!ChannelName.isValidId(sessionId)) {
      return Optional.empty();
    }
    String known = projects.get(sessionId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> project = sessions.findProjectIdById(sessionId);
    project.ifPresent(
        id -> {
          if (projects.size() >= MAX_REMEMBERED) {
            projects.clear();
          }
          projects.put(sessionId, id);
        });
    return project;
  }

  @Override
  public void forget(String sessionId) {
    projects.remove(sessionId);
  }
}

package dev.switchboard.server.session;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.server.channel.SessionOwnership;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * StoredSessionOwnership answers {@link SessionOwnership} from the {@code sessions} table, so
 * scoped tokens may subscribe to {@code session:<id>} of their projects' sessions (and the admin is
 * told {@code not_found} for sessions that do not exist).
 */
@Singleton
public class StoredSessionOwnership implements SessionOwnership {

  private final SessionRepository sessions;

  /** Creates the lookup over the sessions table. */
  public StoredSessionOwnership(SessionRepository sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<String> projectOf(String sessionId) {
    if (!ChannelName.isValidId(sessionId)) {
      return Optional.empty();
    }
    return sessions.findProjectIdById(sessionId);
  }
}

package dev.switchboard.server.channel;

import java.util.Optional;

/** SessionOwnership tells which project a session belongs to, for channel authorization. */
@FunctionalInterface
public interface SessionOwnership {

  /** The session's project id, or empty when the session does not exist. */
  Optional<String> projectOf(String sessionId);

  /** Called once a session is deleted, for implementations that remember answers. */
  default void forget(String sessionId) {}
}

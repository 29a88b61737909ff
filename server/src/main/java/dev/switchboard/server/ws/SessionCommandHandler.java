package dev.switchboard.server.ws;

import dev.switchboard.contract.session.SessionCommand;
import io.micronaut.core.annotation.Nullable;

/**
 * SessionCommandHandler carries out {@code session:<id>} commands ({@code send_message}, {@code
 * cancel}) for a caller already authorized on that channel; results travel as session events.
 */
public interface SessionCommandHandler {

  /** Handles one command; {@code ref} is the client's, for direct replies. */
  void handle(Connection connection, SessionCommand command, @Nullable String ref);
}

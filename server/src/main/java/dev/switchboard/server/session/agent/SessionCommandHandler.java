package dev.switchboard.server.session.agent;

import dev.switchboard.contract.session.SessionCommand;
import dev.switchboard.server.wire.CommandReplies;
import io.micronaut.core.annotation.Nullable;

/**
 * SessionCommandHandler carries out {@code session:<id>} commands ({@code send_message}, {@code
 * cancel}) for a caller already authorized on that channel; results travel as session events, and
 * refusals as a reply to the sender alone.
 */
public interface SessionCommandHandler {

  /** Handles one command; {@code ref} is the client's, for direct replies. */
  void handle(CommandReplies sender, SessionCommand command, @Nullable String ref);
}

package dev.switchboard.server.session;

import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.session.SessionMessage;
import java.util.List;

/** SessionSnapshot is a session and its messages, read in one transaction. */
public record SessionSnapshot(SessionSummary session, List<SessionMessage> messages) {

  /** Copies the message list. */
  public SessionSnapshot {
    messages = List.copyOf(messages);
  }
}

package dev.switchboard.server.session.agent;

import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.session.SessionErrorData;
import dev.switchboard.contract.session.SessionErrorEvent;
import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.server.sandbox.ProcessLedger;
import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.wire.ChannelPublisher;
import dev.switchboard.server.wire.CommandReplies;
import dev.switchboard.server.wire.FrameCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

/**
 * RunContext is what every agent run needs from the server: settings, storage, channels, and the
 * sandbox and ledger its process starts through.
 */
@Singleton
record RunContext(
    AgentConfiguration configuration,
    ReplyStore store,
    ChannelPublisher publisher,
    SessionMutex mutex,
    SessionRunLock runLock,
    ActiveRuns active,
    FrameCodec codec,
    Sandbox sandbox,
    ProcessLedger ledger) {

  private static final Argument<SessionEvent> SESSION_EVENTS = Argument.of(SessionEvent.class);

  /** Sends a session {@code error} to the command's sender only, as the reply to its command. */
  void replyError(
      CommandReplies sender,
      String channel,
      ErrorCode code,
      String message,
      @Nullable String messageId,
      @Nullable String ref) {
    SessionErrorEvent error =
        new SessionErrorEvent(channel, new SessionErrorData(code, message, messageId));
    sender.reply(codec.encode(SESSION_EVENTS, error, ref, null));
  }
}

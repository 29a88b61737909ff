package dev.switchboard.contract.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Objects;

/**
 * SessionMessage is one message of a session's conversation: a user's text or an agent's reply.
 *
 * <p>{@code clientMessageId} echoes the id the client chose in {@code send_message}, so a tab can
 * match its optimistic message; {@code replyTo} links an agent reply to the user message that
 * started it. {@code content} is the text: the user's message, or the agent output stored so far.
 *
 * <p>{@code outputComplete} is false only for a reply the server stopped abruptly while it ran (a
 * crash, a kill): the reply is {@code interrupted} and its stored content may lack the output the
 * agent printed in the last moments (at most {@code switchboard.agent.flush-interval}) before the
 * stop. Clients say so instead of showing a reply that silently ends early. It is true for every
 * other message, including a reply whose content ends with the server's truncation note.
 */
@Serdeable
public record SessionMessage(
    String id,
    String sessionId,
    MessageRole role,
    String content,
    MessageStatus status,
    @Nullable String clientMessageId,
    @Nullable String replyTo,
    @Nullable Integer exitCode,
    Instant createdAt,
    @Nullable Instant completedAt,
    boolean outputComplete) {

  /** Validates that the required components are present. */
  public SessionMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

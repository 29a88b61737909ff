package dev.switchboard.server.session;

import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.SessionMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Objects;

/**
 * StoredMessage is a row of the {@code messages} table: a user's text or an agent's reply with the
 * output stored so far ({@code outputComplete} false when a crash may have cut it short, migration
 * V5). Clients see it as a {@link SessionMessage}.
 */
@MappedEntity("messages")
public record StoredMessage(
    @Id String id,
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
  public StoredMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** This message as the contract describes it. */
  public SessionMessage toMessage() {
    return new SessionMessage(
        id,
        sessionId,
        role,
        content,
        status,
        clientMessageId,
        replyTo,
        exitCode,
        createdAt,
        completedAt,
        outputComplete);
  }
}

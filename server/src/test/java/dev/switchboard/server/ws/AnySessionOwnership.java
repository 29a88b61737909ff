package dev.switchboard.server.ws;

import dev.switchboard.server.channel.SessionOwnership;
import dev.switchboard.server.session.StoredSessionOwnership;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * AnySessionOwnership lets the channel-layer tests use any session id without storing sessions:
 * every session belongs to {@link #PROJECT}. Enabled by {@code spec.name=channel-layer}.
 */
@Singleton
@Replaces(StoredSessionOwnership.class)
@Requires(property = "spec.name", value = AnySessionOwnership.SPEC)
final class AnySessionOwnership implements SessionOwnership {

  static final String SPEC = "channel-layer";
  static final String PROJECT = "p-any";

  @Override
  public Optional<String> projectOf(String sessionId) {
    return Optional.of(PROJECT);
  }
}

package dev.switchboard.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * JsonBodies parses request bodies taken as strings, so a malformed body gets a 400 that shows the
 * expected JSON instead of Micronaut's generic binding error.
 */
@Singleton
final class JsonBodies {

  private final JsonMapper json;

  JsonBodies(JsonMapper json) {
    this.json = json;
  }

  /** The body as {@code type}; empty when it is missing, not JSON, or of the wrong shape. */
  <T> Optional<T> parse(@Nullable String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readValue(body, type));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

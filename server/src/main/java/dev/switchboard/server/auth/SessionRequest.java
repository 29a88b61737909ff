package dev.switchboard.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** SessionRequest is the body of {@code POST /api/auth/session}: {@code {"token": "..."}}. */
@Serdeable
public record SessionRequest(@Nullable String token) {

  @Override
  public String toString() {
    return "SessionRequest[token=<redacted>]";
  }
}

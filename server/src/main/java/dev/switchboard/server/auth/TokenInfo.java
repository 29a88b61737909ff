package dev.switchboard.server.auth;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** TokenInfo describes a scoped token without its secret, as {@code GET /api/tokens} lists it. */
@Serdeable
public record TokenInfo(
    String id, String name, List<String> projectIds, boolean shell, Instant createdAt) {

  /** Requires every field and copies the project ids. */
  public TokenInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    projectIds = List.copyOf(projectIds);
  }

  /** The caller this token authenticates as. */
  public Caller caller() {
    return new Caller(id, false, Set.copyOf(projectIds), shell);
  }
}

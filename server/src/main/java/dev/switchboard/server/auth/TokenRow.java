package dev.switchboard.server.auth;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * TokenRow is a row of the {@code tokens} table: a scoped token's scope and the base64url SHA-256
 * of the whole raw token, never the token itself.
 *
 * <p>{@code projectIds} is the scope joined with commas, which project ids cannot contain.
 */
@MappedEntity("tokens")
record TokenRow(
    @Id String id,
    String name,
    String projectIds,
    boolean shell,
    Instant createdAt,
    String sha256) {

  TokenRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(projectIds, "projectIds");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The row of a new token; the project ids are sorted and deduplicated. */
  static TokenRow of(
      String id,
      String name,
      Collection<String> projectIds,
      boolean shell,
      Instant createdAt,
      String sha256) {
    return new TokenRow(
        id, name, String.join(",", new TreeSet<>(projectIds)), shell, createdAt, sha256);
  }

  /** The token as {@code GET /api/tokens} shows it. */
  TokenInfo info() {
    List<String> ids = projectIds.isEmpty() ? List.of() : Arrays.asList(projectIds.split(",", -1));
    return new TokenInfo(id, name, ids, shell, createdAt);
  }
}

package dev.switchboard.server.auth;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * IssuedToken is a scoped token just created, with the raw {@code token}: the only time it is
 * shown, since stores keep only its hash.
 */
@Serdeable
public record IssuedToken(
    String id,
    String name,
    List<String> projectIds,
    boolean shell,
    Instant createdAt,
    String token) {

  /** Requires the token and copies the project ids. */
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    projectIds = List.copyOf(projectIds);
  }

  /** Combines the stored description with the raw token. */
  public static IssuedToken of(TokenInfo info, ScopedToken token) {
    return new IssuedToken(
        info.id(), info.name(), info.projectIds(), info.shell(), info.createdAt(), token.raw());
  }

  /** The description without the token. */
  public TokenInfo info() {
    return new TokenInfo(id, name, projectIds, shell, createdAt);
  }

  @Override
  public String toString() {
    return "IssuedToken[id=" + id + ", name=" + name + ", token=<redacted>]";
  }
}

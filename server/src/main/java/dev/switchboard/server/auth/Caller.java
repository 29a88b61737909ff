package dev.switchboard.server.auth;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;
import java.util.Set;

/**
 * Caller is who an authenticated request or connection acts for: a token's id (never the token
 * itself), whether it is the admin token, the projects it may use and whether it may open shells.
 * An admin may use every project and shell.
 *
 * <p>Get it from a request with {@link Callers#of} or {@link Callers#require}.
 */
@Serdeable.Serializable
public record Caller(String tokenId, boolean admin, Set<String> projectIds, boolean shell) {

  /** The token id of the admin token; scoped token ids are hexadecimal, so never collide. */
  public static final String ADMIN_TOKEN_ID = "admin";

  /** Validates the id and copies the project set. */
  public Caller {
    Objects.requireNonNull(tokenId, "tokenId");
    projectIds = Set.copyOf(projectIds);
  }

  /**
   * The caller of the admin token. Named {@code forAdmin}, not {@code admin}, because a static
   * {@code admin()} would clash with the record's {@code admin()} accessor.
   */
  public static Caller forAdmin() {
    return new Caller(ADMIN_TOKEN_ID, true, Set.of(), true);
  }

  /** Whether the caller may read and change the project. */
  public boolean canAccessProject(String projectId) {
    return admin || projectIds.contains(projectId);
  }

  /** Whether the caller may open shells in the project. */
  public boolean canOpenShell(String projectId) {
    return admin || (shell && projectIds.contains(projectId));
  }
}

package dev.switchboard.server.auth;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * TokenStore keeps scoped tokens: each grants a set of projects and, optionally, shells.
 *
 * <p>Stores keep a hash, never the token (see {@link ScopedToken}); {@link DatabaseTokenStore}, the
 * {@code tokens} table, is the implementation.
 */
public interface TokenStore {

  /**
   * Creates a token; the returned {@link IssuedToken#token()} is the only copy of the secret.
   * Arguments are expected to be valid already (see {@link TokenRequest#problem()}).
   */
  IssuedToken create(String name, Collection<String> projectIds, boolean shell);

  /** Every token that is not revoked, oldest first, without secrets. */
  List<TokenInfo> list();

  /** The token with this id, if it exists and is not revoked. */
  Optional<TokenInfo> find(String id);

  /** Revokes the token; false if no token has this id. */
  boolean revoke(String id);

  /**
   * The caller of a raw {@code sbt_...} token, if it is known and not revoked; the hash is compared
   * in constant time ({@link ScopedToken#matchesHash}).
   */
  Optional<Caller> authenticate(String rawToken);
}

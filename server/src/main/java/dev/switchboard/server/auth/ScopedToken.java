package dev.switchboard.server.auth;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ScopedToken is the format of a scoped token, {@code sbt_<id>_<secret>}: the id (16 hex digits)
 * finds the stored record, and only the SHA-256 of the whole token is ever stored.
 *
 * <p>Shared by every {@link TokenStore} so that a token issued by one store works with the next.
 */
public record ScopedToken(String id, String secret) {

  /** The prefix of every scoped token; the admin token starts with {@code sb_} instead. */
  public static final String PREFIX = "sbt_";

  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** Rejects ids and secrets that do not have the generated shape. */
  public ScopedToken {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("A scoped token id is 16 lowercase hex digits: " + id);
    }
    if (secret == null || !SECRET.matcher(secret).matches()) {
      throw new IllegalArgumentException("A scoped token secret is 43 base64url characters");
    }
  }

  /** A new token with a random 64-bit id and a random 256-bit secret. */
  public static ScopedToken generate() {
    return new ScopedToken(
        HexFormat.of().formatHex(Secrets.randomBytes(8)), Secrets.randomSecret());
  }

  /** Parses {@code sbt_<id>_<secret>}; empty for anything else, including the admin token. */
  public static Optional<ScopedToken> parse(String raw) {
    if (raw == null || !raw.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int separator = raw.indexOf('_', PREFIX.length());
    if (separator < 0) {
      return Optional.empty();
    }
    String id = raw.substring(PREFIX.length(), separator);
    String secret = raw.substring(separator + 1);
    if (!ID.matcher(id).matches() || !SECRET.matcher(secret).matches()) {
      return Optional.empty();
    }
    return Optional.of(new ScopedToken(id, secret));
  }

  /** The token as the holder sends it. */
  public String raw() {
    return PREFIX + id + "_" + secret;
  }

  /** The SHA-256 of {@link #raw()}, base64url: what a store keeps instead of the token. */
  public String hash() {
    return Secrets.encode(Secrets.sha256(raw()));
  }

  /** Whether this token's hash equals {@code storedHash}, compared in constant time. */
  public boolean matchesHash(String storedHash) {
    return storedHash != null && Secrets.sameSecret(storedHash, hash());
  }

  @Override
  public String toString() {
    return "ScopedToken[id=" + id + ", secret=<redacted>]";
  }
}

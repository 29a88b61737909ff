package dev.switchboard.server.auth;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * AuthCookieCodec signs and reads the stateless session cookie, so sessions survive restarts.
 *
 * <p>The value is {@code base64url(tokenId "\n" expiryEpochSeconds) "." base64url(mac)}, where the
 * mac is HMAC-SHA256 over the payload and a per-token binding (the admin token's hash, so a new
 * admin token ends old admin sessions). The key is {@code <data-dir>/cookie-secret}: deleting that
 * file signs everyone out.
 */
@Singleton
final class AuthCookieCodec {

  static final String COOKIE_NAME = "switchboard_session";
  static final String SECRET_FILE_NAME = "cookie-secret";

  /** The decoded, not yet verified, content of a cookie. */
  record Claims(String tokenId, Instant expiresAt, byte[] payload, byte[] mac) {}

  private final byte[] key;

  @Inject
  AuthCookieCodec(DataDirectory dataDirectory) {
    this(loadKey(dataDirectory.path().resolve(SECRET_FILE_NAME)));
  }

  AuthCookieCodec(byte[] key) {
    this.key = key.clone();
  }

  String encode(String tokenId, Instant expiresAt, byte[] binding) {
    if (tokenId.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("token ids never contain a newline");
    }
    byte[] payload = (tokenId + "\n" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
    return Secrets.encode(payload) + "." + Secrets.encode(mac(payload, binding));
  }

  /** Parses the value without checking the signature; empty when it is not ours at all. */
  Optional<Claims> decode(String value) {
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = Secrets.decode(value.substring(0, dot));
      byte[] mac = Secrets.decode(value.substring(dot + 1));
      String text = new String(payload, StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      if (newline <= 0) {
        return Optional.empty();
      }
      long expiry = Long.parseLong(text.substring(newline + 1));
      return Optional.of(
          new Claims(text.substring(0, newline), Instant.ofEpochSecond(expiry), payload, mac));
    } catch (IllegalArgumentException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the claims were signed with this key and binding, compared in constant time. */
  boolean verify(Claims claims, byte[] binding) {
    return MessageDigest.isEqual(mac(claims.payload(), binding), claims.mac());
  }

  private byte[] mac(byte[] payload, byte[] binding) {
    // The separator keeps payload and binding from sliding into each other.
    return Secrets.hmacSha256(key, payload, new byte[] {0}, binding);
  }

  private static byte[] loadKey(Path file) {
    try {
      return Secrets.decode(
          SecretFiles.readOrCreate(
              file, () -> Secrets.encode(Secrets.randomBytes(Secrets.SECRET_BYTES))));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "Cannot read or create the session cookie key "
              + file
              + " ("
              + e.getMessage()
              + "): fix the data directory's permissions, or delete the file to sign everyone"
              + " out and start with a new key",
          e);
    }
  }
}

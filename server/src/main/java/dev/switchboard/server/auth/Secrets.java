package dev.switchboard.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Secrets holds the JDK crypto the package uses: random secrets, hashes, HMAC and comparison. */
final class Secrets {

  /** 256 bits: enough that guessing is hopeless, so a fast hash (not PBKDF2) is enough. */
  static final int SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Secrets() {}

  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A new random secret of {@link #SECRET_BYTES}, base64url without padding (43 characters). */
  static String randomSecret() {
    return encode(randomBytes(SECRET_BYTES));
  }

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Decodes base64url; throws IllegalArgumentException on anything else. */
  static byte[] decode(String text) {
    return DECODER.decode(text);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Whether two secrets are equal, in time independent of where they differ. Hashing first also
   * hides the expected length, which {@link MessageDigest#isEqual} alone would reveal.
   */
  static boolean sameSecret(String expected, String candidate) {
    return MessageDigest.isEqual(sha256(expected), sha256(candidate));
  }

  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}

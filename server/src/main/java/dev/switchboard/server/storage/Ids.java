package dev.switchboard.server.storage;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ids generates the ids of stored rows: 16 random base64url characters (96 bits), so every id is
 * also a valid channel id ({@code [A-Za-z0-9_-]{1,64}}) and cannot be guessed or enumerated.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** A new random id. */
  public static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}

package dev.switchboard.server.channel;

import java.security.SecureRandom;
import java.util.Base64;

/** Epochs makes new channel epochs. */
public final class Epochs {

  private static final int EPOCH_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Epochs() {}

  /**
   * A new epoch: 96 random bits, so a restarted server, a recreated stream or another node never
   * reuses one and a client's old position can never be taken for a current one.
   */
  public static String next() {
    byte[] bytes = new byte[EPOCH_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

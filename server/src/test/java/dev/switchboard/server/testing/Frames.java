package dev.switchboard.server.testing;

import io.micronaut.core.annotation.Nullable;

/** Frames builds the client frames tests send, as raw JSON text. */
public final class Frames {

  private Frames() {}

  /** A {@code ping} with a ref. */
  public static String ping(String ref) {
    return "{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":42},\"ref\":\""
        + ref
        + "\"}";
  }

  /** A {@code subscribe} with a ref and no recovery. */
  public static String subscribe(String channel, String ref) {
    return "{\"channel\":\"global\",\"type\":\"subscribe\",\"data\":{\"channel\":\""
        + channel
        + "\"},\"ref\":\""
        + ref
        + "\"}";
  }

  /** An {@code unsubscribe}. */
  public static String unsubscribe(String channel) {
    return "{\"channel\":\"global\",\"type\":\"unsubscribe\",\"data\":{\"channel\":\""
        + channel
        + "\"}}";
  }

  /** A {@code subscribe} recovering from a position; no {@code since} when epoch is null. */
  public static String subscribeSince(String channel, @Nullable String epoch, long offset) {
    String since =
        epoch == null ? "" : ",\"since\":{\"epoch\":\"" + epoch + "\",\"offset\":" + offset + "}";
    return "{\"channel\":\"global\",\"type\":\"subscribe\",\"data\":{\"channel\":\""
        + channel
        + "\""
        + since
        + "}}";
  }
}

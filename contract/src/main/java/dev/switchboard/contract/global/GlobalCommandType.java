package dev.switchboard.contract.global;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * GlobalCommandType names every GlobalCommand on the wire; its {@code wireName} is the frame's
 * {@code type}.
 */
@Serdeable
public enum GlobalCommandType {
  /**
   * Sent by the client every heartbeat interval; the server answers {@code pong} with the same
   * {@code ref}.
   */
  @JsonProperty(Names.PING)
  PING(Names.PING),
  /**
   * Sent by the client to join a channel, optionally recovering from a stream position it already
   * holds.
   */
  @JsonProperty(Names.SUBSCRIBE)
  SUBSCRIBE(Names.SUBSCRIBE),
  /** Sent by the client to leave a channel; the server answers {@code unsubscribed}. */
  @JsonProperty(Names.UNSUBSCRIBE)
  UNSUBSCRIBE(Names.UNSUBSCRIBE);

  private final String wireName;

  GlobalCommandType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this command on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String PING = "ping";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";

    private Names() {}
  }
}

package dev.switchboard.contract.global;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * GlobalEventType names every GlobalEvent on the wire; its {@code wireName} is the frame's {@code
 * type}.
 */
@Serdeable
public enum GlobalEventType {
  /**
   * Sent by the server once, as the first frame after the upgrade: who the connection is and which
   * limits apply.
   */
  @JsonProperty(Names.CONNECTED)
  CONNECTED(Names.CONNECTED),
  /**
   * Sent by the server in reply to every {@code ping}, immediately, with the ping's {@code ref}.
   */
  @JsonProperty(Names.PONG)
  PONG(Names.PONG),
  /**
   * Sent by the server when a {@code subscribe} is accepted, before any event of that channel; on a
   * recovering subscribe, before the replayed events.
   */
  @JsonProperty(Names.SUBSCRIPTION_SUCCESS)
  SUBSCRIPTION_SUCCESS(Names.SUBSCRIPTION_SUCCESS),
  /**
   * Sent by the server when a {@code subscribe} is refused (malformed or unknown channel,
   * forbidden, too many subscriptions); the connection stays open.
   */
  @JsonProperty(Names.SUBSCRIPTION_ERROR)
  SUBSCRIPTION_ERROR(Names.SUBSCRIPTION_ERROR),
  /**
   * Sent by the server when a subscription ends: after the client's {@code unsubscribe}, or when
   * the server ends it (channel deleted, access revoked).
   */
  @JsonProperty(Names.UNSUBSCRIBED)
  UNSUBSCRIBED(Names.UNSUBSCRIBED),
  /**
   * Sent by the server when a frame cannot be handled (malformed JSON, unknown type, rate limited);
   * the connection stays usable unless a close follows.
   */
  @JsonProperty(Names.ERROR)
  ERROR(Names.ERROR),
  /**
   * Sent by a server node that is shutting down, right before it closes the connection with {@code
   * 4001}: when to reconnect ({@code retryAfterMs}), chosen to spread its clients' reconnects.
   */
  @JsonProperty(Names.DRAINING)
  DRAINING(Names.DRAINING);

  private final String wireName;

  GlobalEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this event on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String CONNECTED = "connected";
    public static final String PONG = "pong";
    public static final String SUBSCRIPTION_SUCCESS = "subscription_success";
    public static final String SUBSCRIPTION_ERROR = "subscription_error";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String ERROR = "error";
    public static final String DRAINING = "draining";

    private Names() {}
  }
}

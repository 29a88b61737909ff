package dev.switchboard.contract.error;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/**
 * CloseCode is every WebSocket close code the server sends, and whether the client reconnects.
 *
 * <p>Ranges, so that a client can decide for codes it does not know yet:
 *
 * <ul>
 *   <li>1000–2999: RFC 6455 codes where they fit. The client reconnects after {@code 1001} (going
 *       away), {@code 1006} (abnormal), {@code 1011} (internal), {@code 1012} (restart) and {@code
 *       1013} (try again later); the others mean the client itself broke the protocol and
 *       reconnecting would repeat it.
 *   <li>4000–4499: application codes that mean <b>reconnect</b> (with backoff, recovering by
 *       offset): a slow consumer, a draining server, a missed heartbeat.
 *   <li>4500–4999: application codes that mean <b>do not reconnect</b> until something changes (new
 *       credentials, a fixed client): unauthorized, too many protocol errors.
 * </ul>
 */
@Serdeable
public enum CloseCode {
  /** The connection ended normally (client unsubscribed everything and left). */
  NORMAL(1000),
  /** The server is going away (shutting down without drain support on the path). */
  GOING_AWAY(1001),
  /** A frame broke RFC 6455 (reserved bits, bad opcode, bad continuation). */
  PROTOCOL_ERROR(1002),
  /** A binary frame arrived; the protocol is JSON text only. */
  UNSUPPORTED_DATA(1003),
  /** A text frame was not valid UTF-8. */
  INVALID_PAYLOAD(1007),
  /** The request violated a policy that has no more specific code. */
  POLICY_VIOLATION(1008),
  /** A message exceeded the size limit across its fragments. */
  MESSAGE_TOO_BIG(1009),
  /** An unexpected server failure. */
  INTERNAL_ERROR(1011),
  /** The client stopped reading and its outbound queue overflowed; recover by offset. */
  SLOW_CONSUMER(4000),
  /** The server is draining for shutdown or deploy; reconnect to another node or later. */
  SERVER_DRAINING(4001),
  /** No frame arrived within the idle timeout (heartbeats stopped). */
  IDLE_TIMEOUT(4002),
  /** The credentials are missing, invalid or revoked. */
  UNAUTHORIZED(4500),
  /** The client sent too many invalid frames; it is broken, not unlucky. */
  TOO_MANY_PROTOCOL_ERRORS(4501),
  /** The client kept exceeding its rate limit after being told to slow down. */
  RATE_LIMIT_ABUSE(4502),
  /** The token already holds the maximum number of connections. */
  TOO_MANY_CONNECTIONS(4503),
  /** The shell this socket was attached to has ended or does not exist. */
  SHELL_ENDED(4504),
  /**
   * Another socket attached to this shell and took it over (one writer per shell); reconnecting
   * would take it back and the two would fight.
   */
  SHELL_REPLACED(4505);

  /** The lowest application code that asks the client to reconnect. */
  public static final int RECONNECT_MIN = 4000;

  /** The lowest application code that asks the client not to reconnect. */
  public static final int TERMINAL_MIN = 4500;

  private final int code;

  CloseCode(int code) {
    this.code = code;
  }

  /** The numeric code sent in the Close frame. */
  @JsonValue
  public int code() {
    return code;
  }

  /** Whether a client should reconnect after this code. */
  public boolean reconnects() {
    return shouldReconnect(code);
  }

  /**
   * Whether a client should reconnect after a close with {@code code}, including codes this enum
   * does not name (by the ranges above).
   */
  public static boolean shouldReconnect(int code) {
    if (code >= TERMINAL_MIN) {
      return false;
    }
    if (code >= RECONNECT_MIN) {
      return true;
    }
    return switch (code) {
      case 1001, 1006, 1011, 1012, 1013 -> true;
      default -> false;
    };
  }
}

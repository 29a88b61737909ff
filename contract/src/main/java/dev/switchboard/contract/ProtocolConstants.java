package dev.switchboard.contract;

/**
 * ProtocolConstants are the protocol's defaults and bounds, read by the server and, through the
 * generated {@code protocol-constants.ts}, by TypeScript clients (@switchboard/contract). Server
 * limits are configurable; these are their defaults, and {@code connected.limits} tells a client
 * the values in force.
 */
public final class ProtocolConstants {

  /**
   * The protocol version; it changes when a frame's shape changes incompatibly. It is the major
   * version of the npm packages (@switchboard/contract, @switchboard/client).
   */
  public static final int CONTRACT_VERSION = 1;

  /** How often the client sends {@code ping}. */
  public static final long HEARTBEAT_INTERVAL_MS = 30_000;

  /** How long the client waits for {@code pong} before it reconnects. */
  public static final long PONG_TIMEOUT_MS = 5_000;

  /** How long the server keeps a connection that sent no frame. */
  public static final long IDLE_TIMEOUT_MS = 75_000;

  /** The largest message, in bytes, across all its fragments. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** The most channels one connection may subscribe to at once. */
  public static final int MAX_SUBSCRIPTIONS = 100;

  /** The most commands per second one connection may send. */
  public static final int MAX_COMMANDS_PER_SECOND = 100;

  /** How many events a recoverable channel keeps for replay. */
  public static final int HISTORY_MAX_EVENTS = 1_000;

  /** How long a recoverable channel keeps an event for replay. */
  public static final long HISTORY_MAX_AGE_MS = 600_000;

  /** The bytes queued for one connection before it counts as a slow consumer. */
  public static final int OUTBOUND_QUEUE_MAX_BYTES = 1024 * 1024;

  /** The most outgoing frames a client queues while disconnected (it drops the oldest). */
  public static final int CLIENT_QUEUE_MAX_MESSAGES = 100;

  /** Automatic reconnection attempts before the client waits for the user. */
  public static final int RECONNECT_MAX_ATTEMPTS = 5;

  /** The longest delay between reconnection attempts. */
  public static final long RECONNECT_MAX_DELAY_MS = 30_000;

  /** The widest terminal a shell accepts. */
  public static final int SHELL_MAX_COLS = 500;

  /** The tallest terminal a shell accepts. */
  public static final int SHELL_MAX_ROWS = 200;

  /** The longest {@code clientMessageId} of a {@code send_message}, in chars. */
  public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 128;

  /**
   * The longest {@code send_message} text, in chars; in practice a frame's {@link
   * #MAX_MESSAGE_BYTES} limits it first.
   */
  public static final int MAX_MESSAGE_TEXT_LENGTH = 65_536;

  /** The longest channel id ({@code [A-Za-z0-9_-]}). */
  public static final int CHANNEL_ID_MAX_LENGTH = 64;

  private ProtocolConstants() {}
}

/**
 * The protocol's defaults and bounds, from `generated/protocol-constants.ts` (written from the
 * Java `ProtocolConstants`), so clients and the server cannot disagree on them. Server limits are
 * configurable: the values in force arrive in `connected.limits`.
 */
import { ProtocolConstants as generated } from "./generated/protocol-constants.js";

/** Every protocol constant by its Java name; frozen. */
export const ProtocolConstants = Object.freeze(generated);

/**
 * The protocol version; it changes when a frame's shape changes incompatibly. The packages'
 * major version is this number (see CHANGELOG.md).
 */
export const CONTRACT_VERSION = ProtocolConstants.CONTRACT_VERSION;

/** How often the client sends `ping`. */
export const HEARTBEAT_INTERVAL_MS = ProtocolConstants.HEARTBEAT_INTERVAL_MS;

/** How long the client waits for `pong` before it reconnects. */
export const PONG_TIMEOUT_MS = ProtocolConstants.PONG_TIMEOUT_MS;

/** How long the server keeps a connection that sent no frame. */
export const IDLE_TIMEOUT_MS = ProtocolConstants.IDLE_TIMEOUT_MS;

/** The largest message the server accepts, in bytes. */
export const MAX_MESSAGE_BYTES = ProtocolConstants.MAX_MESSAGE_BYTES;

/** The most channels one connection may subscribe to at once. */
export const MAX_SUBSCRIPTIONS = ProtocolConstants.MAX_SUBSCRIPTIONS;

/** The most commands per second one connection may send. */
export const MAX_COMMANDS_PER_SECOND = ProtocolConstants.MAX_COMMANDS_PER_SECOND;

/** The most outgoing frames the client queues while disconnected (it drops the oldest). */
export const CLIENT_QUEUE_MAX_MESSAGES = ProtocolConstants.CLIENT_QUEUE_MAX_MESSAGES;

/** Automatic reconnection attempts before the client waits for the user. */
export const RECONNECT_MAX_ATTEMPTS = ProtocolConstants.RECONNECT_MAX_ATTEMPTS;

/** The longest delay between reconnection attempts. */
export const RECONNECT_MAX_DELAY_MS = ProtocolConstants.RECONNECT_MAX_DELAY_MS;

/** The widest terminal a shell accepts. */
export const SHELL_MAX_COLS = ProtocolConstants.SHELL_MAX_COLS;

/** The tallest terminal a shell accepts. */
export const SHELL_MAX_ROWS = ProtocolConstants.SHELL_MAX_ROWS;

/** The longest channel id. */
export const CHANNEL_ID_MAX_LENGTH = ProtocolConstants.CHANNEL_ID_MAX_LENGTH;

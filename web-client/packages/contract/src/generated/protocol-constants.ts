// Written from the Java contract by GeneratedArtifactsTest: do not edit.
// Regenerate with ./mvnw -pl contract test -Dcontract.update

/** Every protocol constant by its Java name (ProtocolConstants). */
export const ProtocolConstants = {
  "CONTRACT_VERSION": 1,
  "HEARTBEAT_INTERVAL_MS": 30000,
  "PONG_TIMEOUT_MS": 5000,
  "IDLE_TIMEOUT_MS": 75000,
  "MAX_MESSAGE_BYTES": 65536,
  "MAX_SUBSCRIPTIONS": 100,
  "MAX_COMMANDS_PER_SECOND": 100,
  "HISTORY_MAX_EVENTS": 1000,
  "HISTORY_MAX_AGE_MS": 600000,
  "OUTBOUND_QUEUE_MAX_BYTES": 1048576,
  "CLIENT_QUEUE_MAX_MESSAGES": 100,
  "RECONNECT_MAX_ATTEMPTS": 5,
  "RECONNECT_MAX_DELAY_MS": 30000,
  "SHELL_MAX_COLS": 500,
  "SHELL_MAX_ROWS": 200,
  "MAX_CLIENT_MESSAGE_ID_LENGTH": 128,
  "MAX_MESSAGE_TEXT_LENGTH": 65536,
  "CHANNEL_ID_MAX_LENGTH": 64,
} as const;

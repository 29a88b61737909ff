/**
 * `@switchboard/client`: the framework-free client of Switchboard's `/ws` channel socket. One
 * {@link WebSocketClient} per connection: heartbeat, reconnection with backoff and jitter, a
 * bounded outgoing queue, channel-typed subscriptions that recover missed events by offset,
 * `ref`-matched replies and metrics. Bring your own WebSocket in runtimes without a global one.
 */
export { WebSocketClient } from "./WebSocketClient.js";
export { RECENT_FRAMES } from "./frameRecorder.js";
export { MAX_PENDING_REPLIES, type CommandError } from "./pendingReplies.js";
export {
  type ChannelHandler,
  type ErrorLogger,
  type EventHandler,
  type EventsOf,
  type Subscription,
  type SubscriptionListener,
  type SubscriptionState,
  SubscriptionStates,
  type SubscriptionTransport,
} from "./subscription.js";
export { LATENCY_WINDOW_SIZE, type MetricsSnapshot, WebSocketMetrics } from "./WebSocketMetrics.js";
export {
  type ClientSnapshot,
  type FrameRecord,
  type RejectedFrame,
  globalWebSocket,
  type Logger,
  type SocketLike,
  type SocketListener,
  type SubscribeOptions,
  type WebSocketClientOptions,
  webSocketUrl,
} from "./webSocketClientOptions.js";
export {
  attemptsExhaustedError,
  type ClientError,
  connectionDroppedError,
  terminalCloseError,
} from "./connectionErrors.js";
export {
  type ConnectionState,
  ConnectionStateMachine,
  ConnectionStates,
  type StateChange,
} from "./connectionState.js";
export { Heartbeat, type HeartbeatCallbacks } from "./heartbeat.js";
export { OutgoingQueue, type WarningLogger } from "./outgoingQueue.js";
export {
  Backoff,
  type BackoffOptions,
  calculateReconnectDelay,
  DEFAULT_RECONNECT_DELAYS_MS,
  RECONNECT_JITTER_RATIO,
  shouldReconnect,
} from "./reconnectionStrategy.js";
export { type ParsedFrame, parseServerFrame } from "./serverFrame.js";
export { SnapshotStore } from "./snapshotStore.js";

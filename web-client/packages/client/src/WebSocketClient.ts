/**
 * WebSocketClient owns one `/ws` connection and everything about it: the state machine, the
 * heartbeat, reconnection with backoff, the outgoing queue, and routing each validated frame to
 * the {@link Subscription} of its channel (which keeps the channel's handlers and stream
 * position, see `subscription.ts`). It knows nothing of any UI framework or runtime: it is
 * tested against a fake socket, runs in Node with the `ws` package's socket, and the web app's
 * `WebSocketProvider` only renders it.
 */
import {
  type ChannelName,
  Channels,
  type ClientCommand,
  CloseCode,
  compareContracts,
  type ContractVerdict,
  type Frame,
  type GlobalCommand,
  type GlobalEvent,
  GlobalCommandTypes,
  isGlobalEvent,
} from "@switchboard/contract";
import { type ClientError, ErrorReporter } from "./connectionErrors.js";
import {
  type ConnectionState,
  ConnectionStateMachine,
  ConnectionStates,
  type StateChange,
} from "./connectionState.js";
import { FrameRecorder } from "./frameRecorder.js";
import { Heartbeat } from "./heartbeat.js";
import { OutgoingQueue } from "./outgoingQueue.js";
import { type CommandError, PendingReplies } from "./pendingReplies.js";
import { Backoff } from "./reconnectionStrategy.js";
import { Reconnector } from "./reconnector.js";
import { parseServerFrame } from "./serverFrame.js";
import { SnapshotStore } from "./snapshotStore.js";
import type { ChannelHandler, Subscription } from "./subscription.js";
import { SubscriptionRegistry } from "./subscriptionRegistry.js";
import {
  type ClientSnapshot,
  type FrameRecord,
  type RejectedFrame,
  globalWebSocket,
  type Logger,
  type SocketLike,
  type SubscribeOptions,
  type WebSocketClientOptions,
} from "./webSocketClientOptions.js";
import { WebSocketMetrics } from "./WebSocketMetrics.js";

const GLOBAL = Channels.global();

export class WebSocketClient {
  readonly metrics: WebSocketMetrics;
  private readonly options: WebSocketClientOptions;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly machine = new ConnectionStateMachine();
  private readonly backoff: Backoff;
  private readonly queue: OutgoingQueue;
  private readonly subscriptions: SubscriptionRegistry;
  private readonly heartbeat: Heartbeat;
  private readonly store: SnapshotStore<ClientSnapshot>;
  private readonly errors: ErrorReporter;
  private readonly frames: FrameRecorder;
  private readonly pendingReplies = new PendingReplies();
  private socket: SocketLike | null = null;
  private readonly reconnector: Reconnector;
  private refCounter = 0;
  private lastMessageAt = 0;
  private connectionId: string | null = null;
  /** The server's contract against this client's, from the open socket's `connected`. */
  private contract: ContractVerdict | null = null;

  constructor(options: WebSocketClientOptions) {
    this.options = options;
    this.logger = options.logger ?? console;
    this.now = options.now ?? Date.now;
    this.errors = new ErrorReporter(this.logger);
    this.subscriptions = new SubscriptionRegistry(
      {
        isReady: () => this.isReady(),
        send: (command) => this.sendGlobal(command, this.nextRef()),
      },
      this.logger,
      this.errors.report,
      () => this.metrics.trackStaleAnswer(),
    );
    this.metrics = options.metrics ?? new WebSocketMetrics();
    this.frames = new FrameRecorder(this.now);
    this.backoff = new Backoff(options.backoff);
    this.reconnector = new Reconnector(this.backoff, this.machine, {
      reopen: () => {
        this.metrics.trackReconnection();
        this.openSocket();
      },
      report: this.errors.report,
      changed: () => this.publishSnapshot(),
    });
    this.queue = new OutgoingQueue(options.maxQueuedMessages, this.logger);
    this.heartbeat = new Heartbeat({
      nextRef: () => this.nextRef(),
      now: this.now,
      sendPing: (ref, timestamp) =>
        this.sendGlobal(
          { channel: GLOBAL, type: GlobalCommandTypes.PING, data: { timestamp } },
          ref,
        ),
      onTimeout: (waitedMs) => this.onHeartbeatTimeout(waitedMs),
    });
    this.store = new SnapshotStore(this.buildSnapshot());
    this.machine.onChange(() => this.publishSnapshot());
  }

  get state(): ConnectionState {
    return this.machine.state;
  }
  isConnecting = (): boolean => this.machine.isConnecting();
  isOpen = (): boolean => this.machine.isOpen();
  isReconnecting = (): boolean => this.machine.isReconnecting();
  isDisconnected = (): boolean => this.machine.isDisconnected();

  /** Calls `listener` with `{oldState, newState}` on every state change. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.machine.onChange(listener);
  }

  /** Calls `listener` with every {@link ClientError}; returns the function that stops it. */
  onError(listener: (error: ClientError) => void): () => void {
    return this.errors.listen(listener);
  }

  /** Calls `tap` with every frame sent or received (dev tools); returns what stops it. */
  tapFrames(tap: (frame: FrameRecord) => void): () => void {
    return this.frames.tap(tap);
  }

  /**
   * The last frames sent or received (at most `RECENT_FRAMES`, oldest first), so dev tools
   * loaded after the connection opened still show how it started.
   */
  getRecentFrames(): readonly FrameRecord[] {
    return this.frames.recentFrames();
  }

  /** For `useSyncExternalStore`. */
  subscribeSnapshot = (listener: () => void): (() => void) => this.store.subscribe(listener);
  getSnapshot = (): ClientSnapshot => this.store.get();

  /** The channels with at least one subscriber, in subscription order. */
  getActiveChannels(): string[] {
    return this.subscriptions.list().map((subscription) => subscription.channel);
  }

  /** The {@link Subscription} of `channel` (state, position, listeners), if anyone follows it. */
  getSubscription<C extends ChannelName>(channel: C): Subscription<C> | undefined {
    // The registry keys subscriptions by their own channel, so the one found is a Subscription<C>.
    return this.subscriptions.get(channel) as Subscription<C> | undefined;
  }

  /** Every channel's {@link Subscription}, in subscription order. */
  getSubscriptions(): Subscription[] {
    return this.subscriptions.list();
  }

  /** Opens the connection, unless one is open or on its way. */
  connect(): void {
    if (this.socket === null && !this.reconnector.isWaiting()) {
      this.machine.transition(ConnectionStates.CONNECTING);
      this.openSocket();
    }
  }

  /** Drops the current connection (if any) and connects again with a fresh attempt budget. */
  reconnect(): void {
    // A manual reconnect is a reconnection like a scheduled one: dev tools and
    // `__WS_METRICS__` count it.
    this.metrics.trackReconnection();
    this.closeSocket();
    this.backoff.reset();
    this.machine.transition(ConnectionStates.CONNECTING);
    this.openSocket();
  }

  /** Closes the connection; it stays down until `connect()` or `reconnect()`. */
  disconnect(): void {
    this.closeSocket();
    this.backoff.reset();
    this.machine.transition(ConnectionStates.DISCONNECTED);
  }

  /**
   * Sends a command now, or queues it (at most 100, oldest dropped) until the socket opens. With
   * `onError`, the command gets a `ref` and the server's `error` answering it (on the global
   * channel or the command's own) also goes to `onError`, so the caller can mark what failed.
   */
  send(frame: Frame<ClientCommand>, onError?: (error: CommandError) => void): void {
    if (onError !== undefined) {
      const ref = this.nextRef();
      frame = { ...frame, ref };
      this.pendingReplies.add(ref, onError);
    }
    if (this.isReady()) {
      this.write(frame);
    } else {
      this.queue.push(frame);
    }
  }

  /**
   * Open, and the server's `connected` showed a contract this client speaks: commands go out only
   * then, so a client never sends to a server whose contract it cannot speak.
   */
  private isReady(): boolean {
    return this.machine.isOpen() && this.contract !== null && this.contract.kind !== "incompatible";
  }

  /**
   * Delivers every event of `channel` to `handler`, subscribing on the server when it is the
   * channel's first subscriber; returns the function that unsubscribes. After a reconnect the
   * channel is resubscribed `since` its last applied event. The handler's type follows the
   * channel's: `subscribe(Channels.session(id), (event) => ...)` hands it `Frame<SessionEvent>`.
   * `global` needs no subscribe on the server (every connection is on it): its handlers get the
   * connection's own events (`connected`, `pong`, ...).
   */
  subscribe<C extends ChannelName>(
    channel: C,
    handler: ChannelHandler<C>,
    options: SubscribeOptions = {},
  ): () => void {
    return this.subscriptions.subscribe(channel, handler, options);
  }

  private openSocket(): void {
    const socket = (this.options.createSocket ?? globalWebSocket)(this.options.url);
    this.socket = socket;
    // Events of a socket the client already let go of are ignored.
    socket.onopen = () => this.socket === socket && this.onOpen();
    socket.onmessage = (event) => this.socket === socket && this.onFrame(event.data);
    socket.onclose = (event) => {
      if (this.socket === socket) {
        this.socket = null;
        this.connectionLost(event.code, event.reason);
      }
    };
  }

  private onOpen(): void {
    this.backoff.reset();
    this.lastMessageAt = this.now();
    this.contract = null;
    this.machine.transition(ConnectionStates.OPEN);
    this.heartbeat.start();
  }

  private onFrame(raw: unknown): void {
    this.lastMessageAt = this.now();
    this.metrics.trackReceived();
    const parsed = parseServerFrame(raw);
    this.frames.record("in", String(raw), parsed.ok ? parsed.frame : null);
    if (!parsed.ok) {
      this.metrics.trackRejected();
      this.frames.reject(String(raw), parsed.problem);
      this.logger.warn(`WebSocket: ignored a frame from the server: ${parsed.problem}.`);
      return;
    }
    const frame = parsed.frame;
    this.pendingReplies.answer(frame);
    if (isGlobalEvent(frame)) {
      this.onGlobalEvent(frame);
    }
    this.subscriptions.deliver(frame);
  }

  private onGlobalEvent(event: Frame<GlobalEvent>): void {
    switch (event.type) {
      case "connected": {
        this.connectionId = event.data.connectionId;
        const first = this.contract === null;
        this.contract = compareContracts(event.data.contract);
        if (this.contract.kind === "incompatible") {
          return this.refuseContract(this.contract.reason);
        }
        if (first) {
          // Subscriptions and queued commands wait for `connected`: only now is the contract known.
          this.subscriptions.joinAll();
          this.queue.drain().forEach((frame) => this.write(frame));
        }
        this.heartbeat.start(event.data.heartbeatIntervalMs, event.data.limits.pongTimeoutMs);
        this.heartbeat.pingNow();
        return this.publishSnapshot();
      }
      case "pong": {
        const latencyMs = this.heartbeat.handlePong(event.ref, event.data.timestamp);
        if (latencyMs !== null) {
          this.metrics.trackLatency(latencyMs);
          this.publishSnapshot();
        }
        return;
      }
      case "subscription_success":
      case "subscription_error":
      case "unsubscribed":
        return this.subscriptions.answer(event);
      case "error": {
        const { code, message, retryable } = event.data;
        return this.errors.report({ kind: "server", code, message, retryable });
      }
      case "draining":
        return this.reconnector.useServerDelay(event.data.retryAfterMs);
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  private onHeartbeatTimeout(waitedMs: number): void {
    const silentMs = this.now() - this.lastMessageAt;
    this.logger.warn(
      `WebSocket: heartbeat timed out: no pong within ${waitedMs} ms, ` +
        `last message ${silentMs} ms ago; reconnecting.`,
    );
    this.closeSocket();
    this.connectionLost(CloseCode.IDLE_TIMEOUT, "heartbeat timed out");
  }

  /** The one funnel every unplanned end of a connection goes through. */
  private connectionLost(closeCode: number, reason: string): void {
    this.heartbeat.stop();
    this.subscriptions.connectionLost();
    this.reconnector.connectionLost(closeCode, reason);
  }

  /**
   * The server speaks a contract this client cannot (another major, or older than it needs): it
   * sends nothing more, closes the socket and stays down; the snapshot's `contract` says why, so
   * the app can offer a reload. Queued commands stay queued.
   */
  private refuseContract(reason: string): void {
    this.logger.error(`WebSocket: ${reason} Reload the page to get a client that speaks it.`);
    this.closeSocket();
    this.backoff.reset();
    this.machine.transition(ConnectionStates.DISCONNECTED);
    this.errors.report({ kind: "contract", message: `${reason} Reload the page.` });
    this.publishSnapshot();
  }

  /** Detaches and closes the socket (its close event never reaches the funnel); stops timers. */
  private closeSocket(): void {
    this.heartbeat.stop();
    this.subscriptions.connectionLost();
    this.reconnector.cancel();
    const socket = this.socket;
    this.socket = null;
    socket?.close(CloseCode.NORMAL);
  }

  /** Writes a command on `global` with `ref`, which the server echoes on its answer; returns it. */
  private sendGlobal(command: GlobalCommand, ref: string): string {
    this.write({ ...command, ref });
    return ref;
  }

  private write(frame: Frame<ClientCommand>): void {
    const text = JSON.stringify(frame);
    this.socket?.send(text);
    this.metrics.trackSent();
    this.frames.record("out", text, frame);
  }

  /**
   * The last `RECENT_FRAMES` frames from the server that did not match the contract, with
   * why: they were dropped before any handler (for the dev tools).
   */
  getRejectedFrames(): readonly RejectedFrame[] {
    return this.frames.rejectedFrames();
  }

  private nextRef(): string {
    this.refCounter += 1;
    return String(this.refCounter);
  }

  /** Hands the state the UI shows (state, attempts, latency, contract) to the snapshot store. */
  private publishSnapshot(): void {
    this.store.set(this.buildSnapshot());
  }

  private buildSnapshot(): ClientSnapshot {
    return {
      state: this.machine.state,
      attempt: this.machine.isOpen() ? 0 : this.backoff.attempt,
      maxAttempts: this.backoff.maxAttempts,
      averageLatencyMs: this.metrics.averageLatency,
      connectionId: this.connectionId,
      contract: this.contract,
    };
  }
}

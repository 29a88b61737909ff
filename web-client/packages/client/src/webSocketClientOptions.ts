/**
 * The types around {@link WebSocketClient}: what it needs of a socket, how it is configured,
 * and the snapshot React renders.
 */
import type { ContractVerdict, StreamPosition } from "@switchboard/contract";
import type { ConnectionState } from "./connectionState.js";
import type { BackoffOptions } from "./reconnectionStrategy.js";
import type { WebSocketMetrics } from "./WebSocketMetrics.js";

/**
 * A listener property of a socket. Declared as a method so that a browser `WebSocket` (whose
 * listeners take a `MessageEvent`) and the `ws` package's sockets both fit without a cast.
 */
export type SocketListener<E> = { bivarianceHack(event: E): void }["bivarianceHack"];

/**
 * The members of a WebSocket the client uses: a browser `WebSocket`, Node's, the `ws` package's
 * or a test's fake all have them. Declared here rather than taken from the DOM library, so that
 * consumers in Node compile without it.
 */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: SocketListener<unknown> | null;
  onmessage: SocketListener<{ data: unknown }> | null;
  onclose: SocketListener<{ code: number; reason: string }> | null;
}

/** Where the client reports warnings (a dropped frame) and errors (a handler that threw). */
export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** What React renders; a new object whenever one of its fields changes. */
export interface ClientSnapshot {
  readonly state: ConnectionState;
  /** The automatic reconnection attempt under way or last made (1-based); 0 while open. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly averageLatencyMs: number | null;
  /** From `connected`; quote it when reporting a problem. */
  readonly connectionId: string | null;
  /**
   * The server's contract against this client's (`identical`, `compatible`, `incompatible`), from
   * the last `connected`; null before the first. While `incompatible` the client sends nothing.
   */
  readonly contract: ContractVerdict | null;
}

/** A frame from the server that the contract's validators refused, and why. */
export interface RejectedFrame {
  readonly at: number;
  /** The frame's text, cut at 2,000 characters. */
  readonly text: string;
  readonly problem: string;
}

/** One frame as the dev tools show it: which way it went, when, and its text. */
export interface FrameRecord {
  readonly direction: "in" | "out";
  /** When it was sent or received (ms since the epoch). */
  readonly at: number;
  /** Its channel and type, or `null` for a frame that is not valid JSON of the protocol. */
  readonly channel: string | null;
  readonly type: string | null;
  readonly text: string;
}

/** How a {@link WebSocketClient} connects and what it reuses; only `url` is required. */
export interface WebSocketClientOptions {
  /** The channel socket, e.g. `wss://switchboard.example.com/ws`. */
  url: string;
  /**
   * Opens a socket. Defaults to the runtime's global `WebSocket` (browsers, Node 22+), which
   * authenticates with the session cookie. To authenticate with a token, pass a socket that sends
   * `Authorization: Bearer <token>`, e.g. the `ws` package's
   * `(url) => new WebSocket(url, { headers: { Authorization: \`Bearer ${token}\` } })`:
   * tokens never go in the URL.
   */
  createSocket?: (url: string) => SocketLike;
  metrics?: WebSocketMetrics;
  backoff?: BackoffOptions;
  /** The most commands queued while disconnected (default 100); the oldest is dropped. */
  maxQueuedMessages?: number;
  logger?: Logger;
  now?: () => number;
}

/**
 * Opens a socket with the runtime's global `WebSocket`; throws, saying what to pass instead, in a
 * runtime without one (Node before 22).
 */
export function globalWebSocket(url: string): SocketLike {
  const { WebSocket } = globalThis as { WebSocket?: new (url: string) => SocketLike };
  if (WebSocket === undefined) {
    throw new Error(
      "This runtime has no global WebSocket (Node before 22): pass createSocket to " +
        "WebSocketClient, e.g. (url) => new WebSocket(url, { headers }) from the ws package.",
    );
  }
  return new WebSocket(url);
}

/** Options of {@link WebSocketClient.subscribe}. */
export interface SubscribeOptions {
  /**
   * Where the caller's state already is (a REST snapshot's position): later events only. Counts
   * for the channel's first subscriber; later ones join the stream where it is.
   */
  since?: StreamPosition;
  /**
   * Called when the server could not replay what the client missed (`recovered: false`): reload
   * the channel's state over REST. `position` is where the live stream now resumes.
   */
  onResync?: (position: StreamPosition) => void;
}

/** The `/ws` URL on the page's own origin: `wss:` under https, `ws:` otherwise. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
}

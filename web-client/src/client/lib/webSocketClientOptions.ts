/**
 * The types around {@link WebSocketClient}: what it needs of a socket, how it is configured,
 * and the snapshot React renders.
 */
import type { ChannelSubscriber } from "./channelSubscriptions";
import type { ConnectionState } from "./connectionState";
import type { BackoffOptions } from "./reconnectionStrategy";
import type { WebSocketEventBus } from "./WebSocketEventBus";
import type { WebSocketMetrics } from "./WebSocketMetrics";

/** The members of a browser WebSocket the client uses; tests pass a fake. */
export type SocketLike = Pick<WebSocket, "send" | "close" | "onopen" | "onmessage" | "onclose">;

/** What React renders; a new object whenever one of its fields changes. */
export interface ClientSnapshot {
  readonly state: ConnectionState;
  /** The automatic reconnection attempt under way or last made (1-based); 0 while open. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly averageLatencyMs: number | null;
  /** From `connected`; quote it when reporting a problem. */
  readonly connectionId: string | null;
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

export interface WebSocketClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  bus?: WebSocketEventBus;
  metrics?: WebSocketMetrics;
  backoff?: BackoffOptions;
  maxQueuedMessages?: number;
  logger?: Pick<Console, "warn" | "error">;
  now?: () => number;
}

/** Options of {@link WebSocketClient.subscribe}. */
export interface SubscribeOptions extends ChannelSubscriber {
  /** Where the caller's state already is (a REST snapshot's position): later events only. */
  since?: { epoch: string; offset: number };
}

/** The `/ws` URL on the page's own origin: `wss:` under https, `ws:` otherwise. */
export function webSocketUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
}

/**
 * The React face of the `/ws` connection: the context `WebSocketProvider` fills and the
 * `useWebSocket()` hook that reads it.
 */
import { createContext, useContext } from "react";
import type { ClientSnapshot, WebSocketClient } from "@switchboard/client";
import type { WebSocketMetrics } from "@switchboard/client";

/** What `useWebSocket()` returns: the connection's status and the few things to do with it. */
export interface WebSocketApi extends ClientSnapshot {
  /** Follow a channel: `subscribe(Channels.session(id), handler, { onResync })`; the handler gets `Frame<SessionEvent>`. */
  subscribe: WebSocketClient["subscribe"];
  /** Send a command; queued (at most 100) while the socket is not open. */
  send: WebSocketClient["send"];
  /** Connect again now, with a fresh budget of automatic attempts. */
  reconnect: () => void;
  /** Close the connection until `reconnect()`. */
  disconnect: () => void;
  metrics: WebSocketMetrics;
  /** The channels with at least one subscriber, for the dev tools. */
  getActiveChannels: () => string[];
  /** Every frame sent or received, for the dev tools; returns the function that stops it. */
  tapFrames: WebSocketClient["tapFrames"];
  /** The last 50 frames, oldest first, for the dev tools. */
  getRecentFrames: WebSocketClient["getRecentFrames"];
}

export const WebSocketContext = createContext<WebSocketApi | null>(null);

/** The connection of the nearest `WebSocketProvider`; throws outside one. */
export function useWebSocket(): WebSocketApi {
  const api = useContext(WebSocketContext);
  if (api === null) {
    throw new Error(
      "useWebSocket() was called outside <WebSocketProvider>: wrap the component tree in it (App.tsx does).",
    );
  }
  return api;
}

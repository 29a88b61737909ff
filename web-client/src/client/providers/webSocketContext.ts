/**
 * The React face of the `/ws` connection: the two contexts `WebSocketProvider` fills and the
 * hooks that read them. The actions never change for a connection, so components that only
 * subscribe and send (`useWebSocketActions()`) do not re-render when the status does (every pong
 * changes the latency); components that show the status use `useWebSocket()`.
 */
import { createContext, useContext, useMemo } from "react";
import type { ClientSnapshot, WebSocketClient } from "@switchboard/client";
import type { WebSocketMetrics } from "@switchboard/client";

/** What `useWebSocketActions()` returns: what to do with the connection; stable for its lifetime. */
export interface WebSocketActions {
  /** Follow a channel: `subscribe(Channels.session(id), handler, { onResync })`; the handler gets `Frame<SessionEvent>`. */
  subscribe: WebSocketClient["subscribe"];
  /** Send a command; queued (at most 100) while the socket is not open. */
  send: WebSocketClient["send"];
  /** Connect again now, with a fresh budget of automatic attempts. */
  reconnect: () => void;
  /** Close the connection until `reconnect()`. */
  disconnect: () => void;
  metrics: WebSocketMetrics;
  /** Every followed channel's subscription (state, position), for the dev tools. */
  getSubscriptions: WebSocketClient["getSubscriptions"];
  /** Every frame sent or received, for the dev tools; returns the function that stops it. */
  tapFrames: WebSocketClient["tapFrames"];
  /** The last 50 frames, oldest first, for the dev tools. */
  getRecentFrames: WebSocketClient["getRecentFrames"];
  /** The server's frames the contract's validators refused, with why (for the dev tools). */
  getRejectedFrames: WebSocketClient["getRejectedFrames"];
}

/** What `useWebSocket()` returns: the connection's status and what to do with it. */
export type WebSocketApi = ClientSnapshot & WebSocketActions;

export const WebSocketActionsContext = createContext<WebSocketActions | null>(null);
export const WebSocketSnapshotContext = createContext<ClientSnapshot | null>(null);

function outside(hook: string): Error {
  return new Error(
    `${hook} was called outside <WebSocketProvider>: wrap the component tree in it (App.tsx does).`,
  );
}

/** What to do with the nearest `WebSocketProvider`'s connection; never re-renders on its own. */
export function useWebSocketActions(): WebSocketActions {
  const actions = useContext(WebSocketActionsContext);
  if (actions === null) {
    throw outside("useWebSocketActions()");
  }
  return actions;
}

/** The connection's status and actions; re-renders whenever the status changes. */
export function useWebSocket(): WebSocketApi {
  const actions = useContext(WebSocketActionsContext);
  const snapshot = useContext(WebSocketSnapshotContext);
  if (actions === null || snapshot === null) {
    throw outside("useWebSocket()");
  }
  return useMemo(() => ({ ...snapshot, ...actions }), [snapshot, actions]);
}

/**
 * WebSocketProvider connects to `/ws` while it is mounted and shares the connection through
 * `useWebSocket()`. All state lives in its {@link WebSocketClient} instance; this component only
 * starts and stops it, re-renders on its snapshot, and turns its errors into toasts.
 */
import { type ReactNode, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { describeClientError } from "../lib/errorToast";
import { webSocketUrl, WebSocketClient } from "@switchboard/client";
import { exposeMetrics } from "../lib/metricsExposure";
import {
  type WebSocketActions,
  WebSocketActionsContext,
  WebSocketSnapshotContext,
} from "./webSocketContext";

export interface WebSocketProviderProps {
  children: ReactNode;
  /** Builds the client; tests pass one with a fake socket. Defaults to `/ws` on this origin. */
  createClient?: () => WebSocketClient;
}

/** The id of the connection's toast, so that it is replaced rather than stacked. */
const CONNECTION_TOAST_ID = "websocket-connection";

export function WebSocketProvider({ children, createClient }: WebSocketProviderProps) {
  const [client] = useState(
    () => createClient?.() ?? new WebSocketClient({ url: webSocketUrl(window.location) }),
  );

  useEffect(() => {
    const hideMetrics = exposeMetrics(client.metrics);
    const stopToasts = client.onError((error) => {
      const shown = describeClientError(error);
      if (shown === null) {
        return;
      }
      const { title, description, retry } = shown;
      toast.error(title, {
        // One toast for the connection, updated as it goes from dropped to down for good.
        id: error.kind === "connection" ? CONNECTION_TOAST_ID : undefined,
        // The connection's toast stays until the connection is back (dismissed below), so its
        // Retry is there as long as it can help; other errors fade after sonner's default.
        duration: error.kind === "connection" ? Infinity : undefined,
        description,
        action: retry ? { label: "Retry", onClick: () => client.reconnect() } : undefined,
      });
    });
    const stopDismissing = client.subscribeSnapshot(() => {
      if (client.getSnapshot().state === "open") {
        toast.dismiss(CONNECTION_TOAST_ID);
      }
    });
    client.connect();
    return () => {
      client.disconnect();
      stopToasts();
      stopDismissing();
      hideMetrics();
    };
  }, [client]);

  const snapshot = useSyncExternalStore(client.subscribeSnapshot, client.getSnapshot);
  const actions = useMemo<WebSocketActions>(
    () => ({
      subscribe: client.subscribe.bind(client),
      send: client.send.bind(client),
      reconnect: () => client.reconnect(),
      disconnect: () => client.disconnect(),
      metrics: client.metrics,
      getSubscriptions: () => client.getSubscriptions(),
      tapFrames: client.tapFrames.bind(client),
      getRecentFrames: client.getRecentFrames.bind(client),
      getRejectedFrames: client.getRejectedFrames.bind(client),
    }),
    [client],
  );
  return (
    <WebSocketActionsContext value={actions}>
      <WebSocketSnapshotContext value={snapshot}>{children}</WebSocketSnapshotContext>
    </WebSocketActionsContext>
  );
}

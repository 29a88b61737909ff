/**
 * Putting the connection's {@link WebSocketMetrics} on `window.__WS_METRICS__` for the browser
 * console: in development builds, or while the dev tools are loaded.
 */
import type { WebSocketMetrics } from "@switchboard/client";

declare global {
  interface Window {
    /** The connection's metrics, for the browser console: development builds, or dev tools on. */
    __WS_METRICS__?: WebSocketMetrics;
  }
}

/**
 * Whether the provider sets `window.__WS_METRICS__` itself: in development builds. In a
 * production build the dev tools set it while they are loaded, which the server enables with
 * `switchboard.ui.dev-tools`.
 */
export function isMetricsExposureEnabled(env: ImportMetaEnv = import.meta.env): boolean {
  return env.DEV;
}

/**
 * Puts `metrics` on `target.__WS_METRICS__` when `enabled`; returns the function that takes it
 * off again (only if it is still ours).
 */
export function exposeMetrics(
  metrics: WebSocketMetrics,
  enabled: boolean = isMetricsExposureEnabled(),
  target: Pick<Window, "__WS_METRICS__"> | undefined = typeof window === "undefined"
    ? undefined
    : window,
): () => void {
  if (!enabled || target === undefined) {
    return () => {};
  }
  target.__WS_METRICS__ = metrics;
  return () => {
    if (target.__WS_METRICS__ === metrics) {
      delete target.__WS_METRICS__;
    }
  };
}

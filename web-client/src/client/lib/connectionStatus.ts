/**
 * What the connection banner shows, derived from the client's snapshot by pure functions so that
 * each wording and colour is tested without rendering.
 */
import type { ConnectionState } from "@switchboard/client";

/** The fields of a client snapshot the status depends on. */
export interface StatusInput {
  state: ConnectionState;
  attempt: number;
  maxAttempts: number;
}

/** "Connected", "Connecting…", "Reconnecting… (3/5)" or "Disconnected". */
export function getStatusLabel({ state, attempt, maxAttempts }: StatusInput): string {
  switch (state) {
    case "open":
      return "Connected";
    case "connecting":
      return "Connecting…";
    case "reconnecting":
      return `Reconnecting… (${attempt}/${maxAttempts})`;
    case "disconnected":
      return "Disconnected";
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

/** The status colour: green when open, amber while (re)connecting, red when down. */
export function getStatusColor(state: ConnectionState): string {
  switch (state) {
    case "open":
      return "#1a7f37";
    case "connecting":
    case "reconnecting":
      return "#9a6700";
    case "disconnected":
      return "#cf222e";
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

/** "42 ms", or "–" before the first pong. */
export function formatLatency(averageLatencyMs: number | null): string {
  return averageLatencyMs === null ? "–" : `${Math.round(averageLatencyMs)} ms`;
}

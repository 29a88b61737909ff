/**
 * ClientError is a problem the user should see: a refused subscription, a server `error`
 * frame, or a connection that dropped or is down for good. Messages say what to do next.
 */
import type { ErrorCode } from "@switchboard/contract";

export type ClientError =
  | { kind: "subscription"; channel: string; code: ErrorCode; message: string }
  | { kind: "server"; code: ErrorCode; message: string; retryable: boolean }
  | { kind: "connection"; closeCode: number; message: string };

/** The server closed with a code that asks the client not to reconnect. */
export function terminalCloseError(closeCode: number, reason: string): ClientError {
  const why = reason === "" ? `${closeCode}` : `${closeCode}: ${reason}`;
  return {
    kind: "connection",
    closeCode,
    message:
      `The server closed the connection (${why}) and asked not to reconnect. ` +
      "Sign in again or reload, then press Reconnect.",
  };
}

/** The connection dropped; the client reconnects on its own (Retry tries at once). */
export function connectionDroppedError(
  closeCode: number,
  attempts: number,
  firstDelayMs: number,
): ClientError {
  return {
    kind: "connection",
    closeCode,
    message:
      `The connection dropped (close code ${closeCode}). Reconnecting automatically, ` +
      `${attempts} attempts, the first in ${Math.round(firstDelayMs / 1000)} s.`,
  };
}

/** Every automatic attempt failed. */
export function attemptsExhaustedError(closeCode: number, attempts: number): ClientError {
  return {
    kind: "connection",
    closeCode,
    message:
      `Could not reconnect after ${attempts} attempts (last close code ${closeCode}). ` +
      "Check that the server is running, then press Reconnect.",
  };
}

/**
 * ClientError is a problem the user should see: a refused subscription, a server `error`
 * frame, a connection that dropped or is down for good, or a server whose contract this client
 * cannot speak. Messages say what to do next.
 */
import type { ErrorCode } from "@switchboard/contract";

export type ClientError =
  | { kind: "subscription"; channel: string; code: ErrorCode; message: string }
  | { kind: "server"; code: ErrorCode; message: string; retryable: boolean }
  | { kind: "connection"; closeCode: number; message: string }
  | { kind: "contract"; message: string };

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

/**
 * ErrorReporter hands every {@link ClientError} to its listeners, or logs it when there are none,
 * so that no error goes unseen.
 */
export class ErrorReporter {
  private readonly listeners = new Set<(error: ClientError) => void>();
  private readonly logger: { error(message: string): void };

  constructor(logger: { error(message: string): void }) {
    this.logger = logger;
  }

  /** Calls `listener` with every error; returns the function that stops it. */
  listen(listener: (error: ClientError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report = (error: ClientError): void => {
    if (this.listeners.size === 0) {
      this.logger.error(`WebSocket: ${error.message}`);
    }
    [...this.listeners].forEach((listener) => listener(error));
  };
}

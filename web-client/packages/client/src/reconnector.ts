/**
 * Reconnector decides what follows an unplanned end of a connection, in one funnel: after a
 * terminal close code or the last attempt the connection stays disconnected with an error saying
 * why; otherwise it is reconnecting and a new socket opens after the backoff's delay, or after the
 * delay a draining server chose for it.
 */
import {
  attemptsExhaustedError,
  type ClientError,
  connectionDroppedError,
  terminalCloseError,
} from "./connectionErrors.js";
import { type ConnectionStateMachine, ConnectionStates } from "./connectionState.js";
import { type Backoff, shouldReconnect } from "./reconnectionStrategy.js";

/** What a {@link Reconnector} does to the connection. */
export interface ReconnectorCallbacks {
  /** Opens the next socket. */
  reopen(): void;
  report(error: ClientError): void;
  /** Something the snapshot shows changed (the attempt). */
  changed(): void;
}

export class Reconnector {
  private readonly backoff: Backoff;
  private readonly machine: ConnectionStateMachine;
  private readonly callbacks: ReconnectorCallbacks;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The delay a draining server chose for the next reconnect (its `draining` event). */
  private serverDelayMs: number | null = null;

  constructor(backoff: Backoff, machine: ConnectionStateMachine, callbacks: ReconnectorCallbacks) {
    this.backoff = backoff;
    this.machine = machine;
    this.callbacks = callbacks;
  }

  /** Whether a reconnect is scheduled. */
  isWaiting(): boolean {
    return this.timer !== null;
  }

  /**
   * The node is stopping and closes this connection next (4001); it spreads its clients'
   * reconnects, so its delay replaces the backoff's for that one reconnect.
   */
  useServerDelay(delayMs: number): void {
    this.serverDelayMs = delayMs;
  }

  /** Drops a scheduled reconnect (the connection is closed or reopened by hand). */
  cancel(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** The connection ended with `closeCode` without the client asking for it. */
  connectionLost(closeCode: number, reason: string): void {
    const { machine, callbacks } = this;
    if (!shouldReconnect(closeCode)) {
      machine.transition(ConnectionStates.DISCONNECTED);
      return callbacks.report(terminalCloseError(closeCode, reason));
    }
    const serverDelayMs = this.serverDelayMs;
    this.serverDelayMs = null;
    const backoffDelayMs = this.backoff.next();
    const delayMs = backoffDelayMs === null ? null : (serverDelayMs ?? backoffDelayMs);
    if (delayMs === null) {
      machine.transition(ConnectionStates.DISCONNECTED);
      callbacks.changed();
      return callbacks.report(attemptsExhaustedError(closeCode, this.backoff.maxAttempts));
    }
    const wasOpen = machine.isOpen();
    machine.transition(ConnectionStates.RECONNECTING);
    callbacks.changed();
    if (wasOpen) {
      // Once per outage, when an open connection drops; failed attempts after it stay quiet.
      callbacks.report(connectionDroppedError(closeCode, this.backoff.maxAttempts, delayMs));
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      callbacks.reopen();
    }, delayMs);
  }
}

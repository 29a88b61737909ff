/**
 * Heartbeat pings the server on an interval and reports a pong that is late, which is how a
 * half-open TCP connection is found in seconds instead of minutes.
 */
import { HEARTBEAT_INTERVAL_MS, PONG_TIMEOUT_MS } from "@switchboard/contract";

export interface HeartbeatCallbacks {
  /** Sends `ping {timestamp}` with this `ref`. */
  sendPing: (ref: string, timestamp: number) => void;
  /** No pong came within the timeout; `waitedMs` is how long the client waited. */
  onTimeout: (waitedMs: number) => void;
  /** A fresh ref for the next ping. */
  nextRef: () => string;
  now?: () => number;
}

export class Heartbeat {
  private readonly callbacks: HeartbeatCallbacks;
  private readonly now: () => number;
  private interval: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: { ref: string; sentAt: number } | null = null;
  private pongTimeoutMs: number = PONG_TIMEOUT_MS;

  constructor(callbacks: HeartbeatCallbacks) {
    this.callbacks = callbacks;
    this.now = callbacks.now ?? Date.now;
  }

  /** (Re)starts pinging every `intervalMs`; the first ping goes out after one interval. */
  start(intervalMs: number = HEARTBEAT_INTERVAL_MS, pongTimeoutMs: number = PONG_TIMEOUT_MS): void {
    this.stop();
    this.pongTimeoutMs = pongTimeoutMs;
    this.interval = setInterval(() => this.ping(), intervalMs);
  }

  /**
   * Pings now, between the interval's pings: right after `connected`, so the latency is known
   * (and a dead connection found) at once instead of one interval later.
   */
  pingNow(): void {
    this.ping();
  }

  /** Stops pinging and forgets an unanswered ping. */
  stop(): void {
    if (this.interval !== null) {
      clearInterval(this.interval);
      this.interval = null;
    }
    this.clearPending();
  }

  /**
   * Settles the pending ping if `ref` is its ref; returns the round trip in ms, or `null` for a
   * pong that answers no pending ping.
   */
  handlePong(ref: string | null | undefined, timestamp: number): number | null {
    if (this.pending === null || ref !== this.pending.ref) {
      return null;
    }
    this.clearPending();
    return Math.max(0, this.now() - timestamp);
  }

  private ping(): void {
    if (this.pending !== null) {
      return; // the pong timer of the previous ping is still running and will decide
    }
    const ref = this.callbacks.nextRef();
    const sentAt = this.now();
    this.pending = { ref, sentAt };
    this.pongTimer = setTimeout(() => {
      this.stop();
      this.callbacks.onTimeout(this.now() - sentAt);
    }, this.pongTimeoutMs);
    this.callbacks.sendPing(ref, sentAt);
  }

  private clearPending(): void {
    if (this.pongTimer !== null) {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
    }
    this.pending = null;
  }
}

/**
 * WebSocketMetrics counts what one connection did: frames sent and received, reconnections, stale
 * subscription answers, and the ping→pong latency over the last 100 heartbeats. One instance per
 * client, never global.
 */

/** How many latency samples the average covers. */
export const LATENCY_WINDOW_SIZE = 100;

/** An immutable copy of the metrics, safe to hand to React. */
export interface MetricsSnapshot {
  readonly messagesSent: number;
  readonly messagesReceived: number;
  readonly reconnections: number;
  /** Frames from the server dropped because they did not match the contract. */
  readonly messagesRejected: number;
  /**
   * Answers about a subscription that no subscription took: they answer an earlier subscription
   * of a channel left and followed again before the server answered, and were ignored.
   */
  readonly staleAnswers: number;
  /** The last latency samples, oldest first, in ms. */
  readonly latenciesMs: readonly number[];
  /** The average of `latenciesMs`, or `null` before the first pong. */
  readonly averageLatencyMs: number | null;
}

/** WebSocketMetrics accumulates counters and notifies subscribers on every change. */
export class WebSocketMetrics {
  private sent = 0;
  private received = 0;
  private reconnectCount = 0;
  private rejected = 0;
  private stale = 0;
  private latencies: number[] = [];
  private current: MetricsSnapshot = this.buildSnapshot();
  private readonly listeners = new Set<() => void>();

  trackSent(): void {
    this.sent += 1;
    this.changed();
  }

  trackReceived(): void {
    this.received += 1;
    this.changed();
  }

  /** A frame the server sent that the contract's validators refused (it never reached a handler). */
  trackRejected(): void {
    this.rejected += 1;
    this.changed();
  }

  /** A `subscription_success`, `subscription_error` or `unsubscribed` no subscription took. */
  trackStaleAnswer(): void {
    this.stale += 1;
    this.changed();
  }

  trackReconnection(): void {
    this.reconnectCount += 1;
    this.changed();
  }

  /** Records one ping→pong round trip; the oldest sample leaves once 100 are kept. */
  trackLatency(latencyMs: number): void {
    this.latencies = [...this.latencies, Math.max(0, latencyMs)].slice(-LATENCY_WINDOW_SIZE);
    this.changed();
  }

  /** The average latency over the window in ms, or `null` before the first sample. */
  get averageLatency(): number | null {
    return this.current.averageLatencyMs;
  }

  /** The current values; the same object until something changes (for useSyncExternalStore). */
  snapshot(): MetricsSnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts every counter from zero. */
  reset(): void {
    this.sent = 0;
    this.received = 0;
    this.reconnectCount = 0;
    this.rejected = 0;
    this.stale = 0;
    this.latencies = [];
    this.changed();
  }

  private changed(): void {
    this.current = this.buildSnapshot();
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  private buildSnapshot(): MetricsSnapshot {
    const count = this.latencies.length;
    const total = this.latencies.reduce((sum, latency) => sum + latency, 0);
    return Object.freeze({
      messagesSent: this.sent,
      messagesReceived: this.received,
      reconnections: this.reconnectCount,
      messagesRejected: this.rejected,
      staleAnswers: this.stale,
      latenciesMs: this.latencies,
      averageLatencyMs: count === 0 ? null : total / count,
    });
  }
}

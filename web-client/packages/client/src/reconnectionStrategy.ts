/**
 * The reconnection strategy shared by every socket of the client: a readable table of delays
 * with jitter, a small backoff counter, and the close-code rule that decides whether to retry.
 */
import { CloseCode, RECONNECT_MAX_ATTEMPTS, RECONNECT_MAX_DELAY_MS } from "@switchboard/contract";

/** The delay before each automatic attempt: 1, 2, 4, 8, then 16 s for every later one. */
export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 16000];

/**
 * How far a delay may move either way (±20 %). Without jitter every tab dropped by a server
 * restart would come back in the same millisecond; "equal" jitter around the table (rather than
 * full jitter from 0) spreads them out yet keeps the table meaningful to a reader
 * (see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export const RECONNECT_JITTER_RATIO = 0.2;

/**
 * The delay before reconnection attempt `attempt` (0 for the first), in ms: the table's entry
 * (its last entry past the end), moved by up to ±20 % at random, never above `maxDelayMs`.
 * `random` returns a number in [0, 1), like `Math.random`; tests pass a fixed one.
 */
export function calculateReconnectDelay(
  attempt: number,
  delays: readonly number[] = DEFAULT_RECONNECT_DELAYS_MS,
  maxDelayMs: number = RECONNECT_MAX_DELAY_MS,
  random: () => number = Math.random,
): number {
  const index = Math.min(Math.max(0, Math.floor(attempt)), delays.length - 1);
  const base = Math.min(delays[index] ?? maxDelayMs, maxDelayMs);
  const jitter = base * RECONNECT_JITTER_RATIO * (2 * random() - 1);
  return Math.round(Math.min(base + jitter, maxDelayMs));
}

/** Options of a {@link Backoff}; every field has the protocol's default. */
export interface BackoffOptions {
  maxAttempts?: number;
  delaysMs?: readonly number[];
  maxDelayMs?: number;
  random?: () => number;
}

/**
 * Backoff counts automatic reconnection attempts and gives the delay before the next one, or
 * `null` once `maxAttempts` were made (then the user decides). Reset it when a connection opens.
 */
export class Backoff {
  readonly maxAttempts: number;
  private readonly delaysMs: readonly number[];
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private attempts = 0;

  constructor(options: BackoffOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? RECONNECT_MAX_ATTEMPTS;
    this.delaysMs = options.delaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
    this.maxDelayMs = options.maxDelayMs ?? RECONNECT_MAX_DELAY_MS;
    this.random = options.random ?? Math.random;
  }

  /** How many attempts were made since the last reset (1 during the first attempt). */
  get attempt(): number {
    return this.attempts;
  }

  /** Whether every automatic attempt was used. */
  get exhausted(): boolean {
    return this.attempts >= this.maxAttempts;
  }

  /** Counts one more attempt and returns the delay before it, or `null` when none is left. */
  next(): number | null {
    if (this.exhausted) {
      return null;
    }
    const delayMs = calculateReconnectDelay(
      this.attempts,
      this.delaysMs,
      this.maxDelayMs,
      this.random,
    );
    this.attempts += 1;
    return delayMs;
  }

  /** Starts counting from zero again. */
  reset(): void {
    this.attempts = 0;
  }
}

// The documented ranges of application close codes (see CloseCode in the contract): 4000–4499
// ask the client to reconnect, 4500–4999 not to, including codes this client does not know yet.
const APPLICATION_RECONNECT_MIN = 4000;
const APPLICATION_TERMINAL_MIN = 4500;

// RFC 6455 codes after which trying again can help. 1006 (abnormal closure: the network dropped,
// the upgrade failed), 1012 (service restart) and 1013 (try again later) never travel in a
// Close frame from our server, so the generated enum does not name them.
const RFC_ABNORMAL_CLOSURE = 1006;
const RFC_SERVICE_RESTART = 1012;
const RFC_TRY_AGAIN_LATER = 1013;
const RECONNECTING_RFC_CODES: ReadonlySet<number> = new Set([
  CloseCode.GOING_AWAY,
  RFC_ABNORMAL_CLOSURE,
  CloseCode.INTERNAL_ERROR,
  RFC_SERVICE_RESTART,
  RFC_TRY_AGAIN_LATER,
]);

/**
 * Whether to reconnect after a close with `closeCode`: the same rule as the Java
 * `CloseCode.shouldReconnect`. Other RFC codes mean this client broke the protocol, so
 * reconnecting would only repeat it.
 */
export function shouldReconnect(closeCode: number): boolean {
  if (closeCode >= APPLICATION_TERMINAL_MIN) {
    return false;
  }
  if (closeCode >= APPLICATION_RECONNECT_MIN) {
    return true;
  }
  return RECONNECTING_RFC_CODES.has(closeCode);
}

import { describe, expect, it } from "vitest";
import { CloseCode } from "@switchboard/contract";
import {
  Backoff,
  calculateReconnectDelay,
  DEFAULT_RECONNECT_DELAYS_MS,
  shouldReconnect,
} from "../src/reconnectionStrategy.js";

const middle = () => 0.5; // no jitter
const lowest = () => 0; // -20 %
const highest = () => 0.999999; // just under +20 %

describe("calculateReconnectDelay", () => {
  it("follows the table 1, 2, 4, 8, 16 s without jitter", () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) =>
      calculateReconnectDelay(attempt, undefined, undefined, middle),
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it("keeps the last delay for attempts past the end of the table", () => {
    expect(calculateReconnectDelay(9, undefined, undefined, middle)).toBe(16000);
  });

  it("moves each delay by at most 20 % either way", () => {
    DEFAULT_RECONNECT_DELAYS_MS.forEach((base, attempt) => {
      expect(calculateReconnectDelay(attempt, undefined, undefined, lowest)).toBe(base * 0.8);
      const high = calculateReconnectDelay(attempt, undefined, undefined, highest);
      expect(high).toBeGreaterThan(base * 1.19);
      expect(high).toBeLessThanOrEqual(base * 1.2);
    });
  });

  it("never exceeds the maximum delay, jitter included", () => {
    expect(calculateReconnectDelay(0, [60000], 30000, highest)).toBe(30000);
    expect(calculateReconnectDelay(2, [1000, 20000, 28000], 30000, highest)).toBe(30000);
  });

  it("treats a negative attempt as the first", () => {
    expect(calculateReconnectDelay(-3, undefined, undefined, middle)).toBe(1000);
  });
});

describe("Backoff", () => {
  it("gives five delays, then null until it is reset", () => {
    const backoff = new Backoff({ random: middle });
    const delays = [1, 2, 3, 4, 5].map(() => backoff.next());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoff.attempt).toBe(5);
    expect(backoff.exhausted).toBe(true);
    expect(backoff.next()).toBeNull();

    backoff.reset();

    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(1000);
  });
});

describe("shouldReconnect", () => {
  it.each([
    [CloseCode.GOING_AWAY, true],
    [1006, true],
    [CloseCode.INTERNAL_ERROR, true],
    [1012, true],
    [1013, true],
    [CloseCode.SLOW_CONSUMER, true],
    [CloseCode.SERVER_DRAINING, true],
    [CloseCode.IDLE_TIMEOUT, true],
    [4499, true],
    [CloseCode.NORMAL, false],
    [CloseCode.PROTOCOL_ERROR, false],
    [CloseCode.UNSUPPORTED_DATA, false],
    [CloseCode.INVALID_PAYLOAD, false],
    [CloseCode.POLICY_VIOLATION, false],
    [CloseCode.MESSAGE_TOO_BIG, false],
    [CloseCode.UNAUTHORIZED, false],
    [CloseCode.TOO_MANY_PROTOCOL_ERRORS, false],
    [CloseCode.RATE_LIMIT_ABUSE, false],
    [CloseCode.TOO_MANY_CONNECTIONS, false],
    [CloseCode.SHELL_ENDED, false],
    [4999, false],
  ])("after close code %i reconnects: %s", (code, expected) => {
    expect(shouldReconnect(code)).toBe(expected);
  });

  it("agrees with the table in docs/protocol.md for every generated close code", () => {
    const reconnecting = Object.values(CloseCode)
      .filter((value): value is CloseCode => typeof value === "number")
      .filter(shouldReconnect);
    expect(reconnecting).toEqual([
      CloseCode.GOING_AWAY,
      CloseCode.INTERNAL_ERROR,
      CloseCode.SLOW_CONSUMER,
      CloseCode.SERVER_DRAINING,
      CloseCode.IDLE_TIMEOUT,
    ]);
  });
});

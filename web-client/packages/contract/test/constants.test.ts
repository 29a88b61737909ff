import { describe, expect, it } from "vitest";
import * as constants from "../src/constants.js";
import { ProtocolConstants } from "../src/constants.js";

const { ProtocolConstants: _all, ...unitNamed } = constants;

describe("ProtocolConstants", () => {
  it("holds the protocol's values as positive integers", () => {
    expect(Object.keys(ProtocolConstants).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(ProtocolConstants)) {
      expect(Number.isSafeInteger(value) && value > 0, name).toBe(true);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(ProtocolConstants)).toBe(true);
  });

  it("exports each unit-named constant with the generated value", () => {
    expect(Object.keys(unitNamed).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(unitNamed)) {
      expect(ProtocolConstants).toHaveProperty(name, value);
    }
  });

  it("keeps the seed's heartbeat and reconnection values", () => {
    expect(constants.HEARTBEAT_INTERVAL_MS).toBe(30_000);
    expect(constants.PONG_TIMEOUT_MS).toBe(5_000);
    expect(constants.RECONNECT_MAX_ATTEMPTS).toBe(5);
    expect(constants.RECONNECT_MAX_DELAY_MS).toBe(30_000);
    expect(constants.CLIENT_QUEUE_MAX_MESSAGES).toBe(100);
    expect(constants.CHANNEL_ID_MAX_LENGTH).toBe(64);
  });

  it("detects a dead connection before the server's idle timeout closes it", () => {
    expect(constants.PONG_TIMEOUT_MS).toBeLessThan(constants.HEARTBEAT_INTERVAL_MS);
    expect(constants.HEARTBEAT_INTERVAL_MS + constants.PONG_TIMEOUT_MS).toBeLessThan(
      constants.IDLE_TIMEOUT_MS,
    );
  });
});

import { describe, expect, it } from "vitest";
import { formatLatency, getStatusColor, getStatusLabel } from "./connectionStatus";

describe("getStatusLabel", () => {
  it.each([
    [{ state: "open", attempt: 0, maxAttempts: 5 }, "Connected"],
    [{ state: "connecting", attempt: 0, maxAttempts: 5 }, "Connecting…"],
    [{ state: "reconnecting", attempt: 3, maxAttempts: 5 }, "Reconnecting… (3/5)"],
    [{ state: "disconnected", attempt: 5, maxAttempts: 5 }, "Disconnected"],
  ] as const)("labels %o as %s", (input, label) => {
    expect(getStatusLabel(input)).toBe(label);
  });
});

describe("getStatusColor", () => {
  it("is green when open, amber while connecting or reconnecting, red when disconnected", () => {
    expect(getStatusColor("open")).toBe("#1a7f37");
    expect(getStatusColor("connecting")).toBe("#9a6700");
    expect(getStatusColor("reconnecting")).toBe("#9a6700");
    expect(getStatusColor("disconnected")).toBe("#cf222e");
  });
});

describe("formatLatency", () => {
  it("rounds to whole milliseconds and shows a dash before the first pong", () => {
    expect(formatLatency(41.6)).toBe("42 ms");
    expect(formatLatency(null)).toBe("–");
  });
});

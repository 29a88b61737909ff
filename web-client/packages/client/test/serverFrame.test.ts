import { describe, expect, it } from "vitest";
import { parseServerFrame } from "../src/serverFrame.js";

describe("parseServerFrame", () => {
  it("accepts a known event of its channel", () => {
    const raw = JSON.stringify({
      channel: "global",
      type: "pong",
      data: { timestamp: 1, serverTime: 2 },
      ref: "7",
    });
    expect(parseServerFrame(raw)).toMatchObject({ ok: true, frame: { ref: "7" } });
  });

  it.each([
    ["not JSON", "{oops", "not a JSON object"],
    ["a binary payload", new ArrayBuffer(2), "not a JSON object"],
    ["an array", "[]", "not a JSON object"],
    [
      "an event of another family",
      JSON.stringify({ channel: "global", type: "stream_output", data: {} }),
      '"stream_output" on "global" is not an event of that channel',
    ],
    [
      "a bad channel name",
      JSON.stringify({ channel: "session:", type: "stream_output", data: {} }),
      "is not an event of that channel",
    ],
  ])("rejects %s and says why", (_name, raw, problem) => {
    const parsed = parseServerFrame(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.problem).toContain(problem);
  });
});

import { describe, expect, it } from "vitest";
import { ALL_VECTORS, FAMILIES } from "../../../test-support/golden-vectors";
import { Channels } from "../src/channels.js";
import {
  isChannelEvent,
  isClientCommand,
  isGlobalEvent,
  isSessionEvent,
  isShellCommand,
  isShellEvent,
  isStreamOutputEvent,
  isWebSocketMessage,
} from "../src/guards.js";
import {
  OutputStreamName,
  SessionEventTypes,
  ShellCommandTypes,
  ShellEventTypes,
} from "../src/types.js";
import type { Frame, SessionEvent } from "../src/types.js";

const streamOutput: Frame<SessionEvent> = {
  channel: Channels.session("42"),
  type: SessionEventTypes.STREAM_OUTPUT,
  data: { messageId: "m-1", seq: 0, chunk: "hi\n", stream: OutputStreamName.STDOUT },
  offset: 7,
};

describe("isWebSocketMessage", () => {
  it.each([
    ["a minimal frame", { channel: "global", type: "x", data: {} }],
    ["a frame with ref and offset", { channel: "c", type: "x", data: {}, ref: "1", offset: 0 }],
    ["an event from the contract", streamOutput],
  ])("accepts %s", (_, value) => {
    expect(isWebSocketMessage(value)).toBe(true);
  });

  it.each([
    ["null", null],
    ["a string", '{"channel":"global","type":"x","data":{}}'],
    ["an array", [{ channel: "global", type: "x", data: {} }]],
    ["no channel", { type: "x", data: {} }],
    ["a numeric channel", { channel: 1, type: "x", data: {} }],
    ["no type", { channel: "global", data: {} }],
    ["a null type", { channel: "global", type: null, data: {} }],
    ["no data", { channel: "global", type: "x" }],
    ["null data", { channel: "global", type: "x", data: null }],
    ["string data", { channel: "global", type: "x", data: "hi" }],
    ["array data", { channel: "global", type: "x", data: [] }],
    ["a numeric ref", { channel: "global", type: "x", data: {}, ref: 7 }],
    ["a null ref", { channel: "global", type: "x", data: {}, ref: null }],
    ["a negative offset", { channel: "global", type: "x", data: {}, offset: -1 }],
    ["a fractional offset", { channel: "global", type: "x", data: {}, offset: 1.5 }],
    ["a string offset", { channel: "global", type: "x", data: {}, offset: "1" }],
    ["an unsafe offset", { channel: "global", type: "x", data: {}, offset: 2 ** 53 }],
  ])("rejects %s", (_, value) => {
    expect(isWebSocketMessage(value)).toBe(false);
  });
});

describe("family guards", () => {
  describe.each(FAMILIES.map((f) => [f.name, f] as const))("%s", (_, family) => {
    it("accepts every golden vector of the family", () => {
      for (const frame of Object.values(family.vectors)) {
        expect(family.guard(frame), JSON.stringify(frame)).toBe(true);
      }
    });

    it("rejects every vector of the other families of its direction", () => {
      const others = ALL_VECTORS.filter(
        (v) => v.family !== family && v.family.direction === family.direction,
      );
      expect(others.length).toBeGreaterThan(0);
      for (const { frame } of others) {
        expect(family.guard(frame), JSON.stringify(frame)).toBe(false);
      }
    });

    it("rejects a frame of the other direction unless its type name is shared", () => {
      const opposite = ALL_VECTORS.filter((v) => v.family.direction !== family.direction);
      for (const { family: other, typeName, frame } of opposite) {
        const lookAlike = other.kind === family.kind && family.typeNames.includes(typeName);
        expect(family.guard(frame), JSON.stringify(frame)).toBe(lookAlike);
      }
    });

    it("rejects its vectors on a malformed channel", () => {
      for (const frame of Object.values(family.vectors)) {
        const moved = { ...(frame as object), channel: `${family.kind}:a:b` };
        expect(family.guard(moved)).toBe(false);
      }
    });

    it("rejects a type name it does not declare", () => {
      const [first] = Object.values(family.vectors);
      expect(family.guard({ ...(first as object), type: "no_such_type" })).toBe(false);
      expect(family.guard({ ...(first as object), type: "" })).toBe(false);
    });

    it("rejects a malformed envelope", () => {
      const [first] = Object.values(family.vectors);
      const { data: _data, ...withoutData } = first as Record<string, unknown>;
      expect(family.guard(withoutData)).toBe(false);
      expect(family.guard({ ...(first as object), offset: -1 })).toBe(false);
      expect(family.guard(null)).toBe(false);
      expect(family.guard("frame")).toBe(false);
    });
  });

  it("tells the global error from the session error by channel", () => {
    const sessionError = {
      channel: Channels.session("1"),
      type: SessionEventTypes.ERROR,
      data: {},
    };
    expect(isSessionEvent(sessionError)).toBe(true);
    expect(isGlobalEvent(sessionError)).toBe(false);
    expect(isGlobalEvent({ ...sessionError, channel: Channels.global() })).toBe(true);
  });

  it("cannot tell a shell init command from a shell init event: guards do not know direction", () => {
    const init = { channel: Channels.shell("sh"), type: ShellCommandTypes.INIT, data: {} };
    expect(ShellEventTypes.INIT).toBe(ShellCommandTypes.INIT);
    expect(isShellCommand(init)).toBe(true);
    expect(isShellEvent(init)).toBe(true);
  });

  it("narrows to the family's union", () => {
    const value: unknown = streamOutput;
    if (!isSessionEvent(value)) {
      throw new Error("expected a session event");
    }
    if (!isStreamOutputEvent(value)) {
      throw new Error(`unexpected ${value.type}`);
    }
    expect(value.data.chunk).toBe("hi\n");
    expect(value.offset).toBe(7);
  });
});

describe("isChannelEvent and isClientCommand", () => {
  it("accept every vector of their direction and no other", () => {
    for (const { family, frame } of ALL_VECTORS) {
      const lookAlike = FAMILIES.some(
        (f) =>
          f.direction !== family.direction &&
          f.kind === family.kind &&
          f.typeNames.includes((frame as { type: string }).type),
      );
      expect(isChannelEvent(frame), JSON.stringify(frame)).toBe(
        family.direction === "event" || lookAlike,
      );
      expect(isClientCommand(frame), JSON.stringify(frame)).toBe(
        family.direction === "command" || lookAlike,
      );
    }
  });
});

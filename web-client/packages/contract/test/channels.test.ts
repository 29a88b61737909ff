import { describe, expect, it } from "vitest";
import {
  Channels,
  InvalidChannelError,
  checkChannel,
  formatChannel,
  isChannelName,
  isValidChannelId,
  parseChannel,
} from "../src/channels.js";
import { CHANNEL_ID_MAX_LENGTH } from "../src/constants.js";
import { ChannelKind } from "../src/generated/enums.js";

const longestId = "a".repeat(CHANNEL_ID_MAX_LENGTH);
const tooLongId = "a".repeat(CHANNEL_ID_MAX_LENGTH + 1);

describe("Channels", () => {
  it("builds names from the generated channel kinds", () => {
    expect(Channels.global()).toBe(ChannelKind.GLOBAL);
    expect(Channels.project("p-1")).toBe(`${ChannelKind.PROJECT}:p-1`);
    expect(Channels.session("42")).toBe(`${ChannelKind.SESSION}:42`);
    expect(Channels.shell("sh_7")).toBe(`${ChannelKind.SHELL}:sh_7`);
  });

  it("accepts the longest id", () => {
    expect(Channels.session(longestId)).toBe(`session:${longestId}`);
  });

  it.each([
    ["", "the id is empty"],
    [tooLongId, `the id is ${CHANNEL_ID_MAX_LENGTH + 1} characters long`],
    ["a:b", "the id contains ':'"],
    ["ä", "the id contains 'ä'"],
    ["4 2", "the id contains ' '"],
    ["42\n", "the id contains '\\u10'"],
  ])("rejects the id %j and says why", (id, problem) => {
    expect(() => Channels.session(id)).toThrow(InvalidChannelError);
    expect(() => Channels.session(id)).toThrow(problem);
    expect(() => Channels.project(id)).toThrow(InvalidChannelError);
    expect(() => Channels.shell(id)).toThrow(InvalidChannelError);
  });

  it("tells how to write a valid name", () => {
    expect(() => Channels.session("")).toThrow(
      'Invalid channel "session:": the id is empty. Use "global" or "<kind>:<id>" with kind one of' +
        " project, session, shell and an id of 1-64 characters from [A-Za-z0-9_-], for example" +
        ' "session:42".',
    );
  });
});

describe("parseChannel", () => {
  it.each([
    ["global", { kind: ChannelKind.GLOBAL, id: null }],
    ["project:p-1", { kind: ChannelKind.PROJECT, id: "p-1" }],
    ["session:42", { kind: ChannelKind.SESSION, id: "42" }],
    ["session:A_z-09", { kind: ChannelKind.SESSION, id: "A_z-09" }],
    ["shell:sh-7", { kind: ChannelKind.SHELL, id: "sh-7" }],
    [`session:${longestId}`, { kind: ChannelKind.SESSION, id: longestId }],
    ["session:a", { kind: ChannelKind.SESSION, id: "a" }],
  ])("accepts %j", (name, parsed) => {
    expect(parseChannel(name)).toEqual(parsed);
    expect(checkChannel(name)).toEqual({ ok: true, channel: parsed });
    expect(isChannelName(name)).toBe(true);
  });

  it.each([
    ["", "the name is empty"],
    ["session:", "the id is empty"],
    ["session", '"session" needs an id after a colon'],
    [`session:${tooLongId}`, "the id is 65 characters long"],
    ["session:a:b", "the id contains ':'"],
    ["session:ä", "the id contains 'ä'"],
    ["session:4 2", "the id contains ' '"],
    ["session:42 ", "the id contains ' '"],
    ["session:\t42", "the id contains '\\u9'"],
    ["session:😀", "the id contains '😀'"],
    [" session:42", 'unknown kind " session"'],
    ["Session:42", 'unknown kind "Session"'],
    ["sessions:42", 'unknown kind "sessions"'],
    [":42", 'unknown kind ""'],
    ["room:42", 'unknown kind "room"'],
    ["global:1", '"global" takes no id'],
    ["global:", '"global" takes no id'],
    ["global ", 'unknown kind "global "'],
  ])("rejects %j: %s", (name, problem) => {
    expect(parseChannel(name)).toBeNull();
    expect(isChannelName(name)).toBe(false);
    const check = checkChannel(name);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error).toContain(`: ${problem}. Use "global" or "<kind>:<id>"`);
    }
  });

  it("shortens a long name in the error", () => {
    const check = checkChannel(`session:${"x".repeat(200)}`);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error).toContain(
      `Invalid channel "session:${"x".repeat(72)}…": the id is 200 characters long.`,
    );
  });

  it("formats what it parses back to the same name", () => {
    for (const name of ["global", "project:p", "session:42", "shell:sh-7"]) {
      const parsed = parseChannel(name);
      expect(parsed && formatChannel(parsed)).toBe(name);
    }
  });

  it("knows every generated channel kind", () => {
    for (const kind of Object.values(ChannelKind)) {
      const name = kind === ChannelKind.GLOBAL ? kind : `${kind}:1`;
      expect(parseChannel(name)?.kind).toBe(kind);
    }
  });

  it("rejects what is not a string", () => {
    expect(isChannelName(42)).toBe(false);
    expect(isChannelName(null)).toBe(false);
  });
});

describe("isValidChannelId", () => {
  it.each(["1", "a", "Z", "_", "-", "s-42", longestId])("accepts %j", (id) => {
    expect(isValidChannelId(id)).toBe(true);
  });

  it.each(["", tooLongId, "a:b", "ä", "a b", "a/b", "a.b", "%20", null, undefined, 42])(
    "rejects %j",
    (id) => {
      expect(isValidChannelId(id)).toBe(false);
    },
  );
});

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CONTRACT } from "@switchboard/contract";
import { FakeSocketFactory } from "../../../../../../test-support/fakeWebSocket";
import { type HookHarness, renderHookWithSocket } from "../../../../../../test-support/renderHook";
import { type ShellConnection, shellSocketUrl, useShellWebSocket } from "./useShellWebSocket";

const CHANNEL = "shell:sh1";

const shellFrames = {
  init: (cols = 80, rows = 24) => ({
    channel: CHANNEL,
    type: "init",
    data: { shellId: "sh1", cols, rows, cwd: "/srv/app", contract: CONTRACT },
  }),
  output: (data: string) => ({ channel: CHANNEL, type: "output", data: { data } }),
  exit: (exitCode: number) => ({ channel: CHANNEL, type: "exit", data: { exitCode } }),
  error: () => ({
    channel: CHANNEL,
    type: "error",
    data: { code: "bad_request", message: "cols must be 1-500" },
  }),
};

let shells: FakeSocketFactory;
let harness: HookHarness<ShellConnection> | null;
let written: string[];
let resets: number;
let size: { cols: number; rows: number };

beforeEach(() => {
  vi.useFakeTimers();
  shells = new FakeSocketFactory();
  written = [];
  resets = 0;
  size = { cols: 80, rows: 24 };
  const terminal = {
    onOutput: (data: string) => written.push(data),
    onReset: () => {
      resets += 1;
      written = [];
    },
    size: () => size,
  };
  const options = { createSocket: shells.create, location: { protocol: "http:", host: "h:1" } };
  harness = renderHookWithSocket(() => useShellWebSocket("sh1", terminal, options));
});

afterEach(() => {
  harness?.unmount();
  harness = null;
  vi.useRealTimers();
});

function h(): HookHarness<ShellConnection> {
  if (harness === null) {
    throw new Error("not rendered");
  }
  return harness;
}

/** The shell socket's server side: open it, send frames, close it, inside act(). */
const server = {
  // The shell socket has no `connected`: the server answers the client's `init`.
  open: () => h().act(() => shells.last.open({ connected: false })),
  send: (frame: object) => h().act(() => shells.last.receive(frame)),
  close: (code: number) => h().act(() => shells.last.serverClose(code)),
  sent: () => shells.last.sentFrames(),
};

describe("useShellWebSocket", () => {
  it("stops and asks for a reload when the server's init shows another major contract", () => {
    server.open();
    const [major] = CONTRACT.version.split(".");
    const newer = { version: `${Number(major) + 1}.0`, hash: "f".repeat(16) };
    server.send({ ...shellFrames.init(), data: { ...shellFrames.init().data, contract: newer } });
    h().act(() => h().result.current.input("ls\r"));

    expect(h().result.current).toMatchObject({ status: "closed" });
    expect(h().result.current.error).toContain(
      `The server was updated to contract ${newer.version}`,
    );
    expect(server.sent()).toEqual([{ channel: CHANNEL, type: "init", data: size }]);
    expect(shells.last.closedByClient).toBe(1000);
    h().act(() => vi.advanceTimersByTime(120_000));
    expect(shells.sockets).toHaveLength(1);
  });

  it("attaches with the terminal's size and writes the shell's output", () => {
    expect(shells.last.url).toBe("ws://h:1/ws/shell/sh1");
    expect(h().result.current.status).toBe("connecting");
    server.open();
    expect(server.sent()).toEqual([{ channel: CHANNEL, type: "init", data: size }]);

    server.send(shellFrames.init());
    server.send(shellFrames.output("$ "));
    expect(h().result.current).toMatchObject({ status: "open", cwd: "/srv/app" });
    expect(written).toEqual(["$ "]);
  });

  it("sends keystrokes and resizes", () => {
    server.open();
    server.send(shellFrames.init());
    h().act(() => {
      h().result.current.input("ls\r");
      h().result.current.resize({ cols: 100, rows: 40 });
    });
    expect(server.sent().slice(1)).toEqual([
      { channel: CHANNEL, type: "input", data: { data: "ls\r" } },
      { channel: CHANNEL, type: "resize", data: { cols: 100, rows: 40 } },
    ]);
  });

  it("re-attaches after a drop with the current size and replaces the screen with the replay", () => {
    server.open();
    server.send(shellFrames.init());
    server.send(shellFrames.output("before"));
    server.close(1006);
    expect(h().result.current).toMatchObject({ status: "reconnecting", attempt: 1 });

    size = { cols: 120, rows: 30 };
    h().act(() => vi.advanceTimersByTime(1200)); // 1 s ± 20 % jitter
    expect(shells.sockets).toHaveLength(2);
    server.open();
    expect(server.sent()).toEqual([{ channel: CHANNEL, type: "init", data: size }]);
    server.send(shellFrames.init(120, 30));
    server.send(shellFrames.output("before"));

    expect(resets).toBe(2);
    expect(written).toEqual(["before"]);
    expect(h().result.current).toMatchObject({ status: "open", attempt: 0 });
  });

  it("stops after the shell exits", () => {
    server.open();
    server.send(shellFrames.init());
    server.send(shellFrames.exit(3));
    server.close(4504);
    h().act(() => vi.advanceTimersByTime(60_000));

    expect(h().result.current).toMatchObject({ status: "closed", exit: { exitCode: 3 } });
    expect(shells.sockets).toHaveLength(1);
  });

  it("gives up after 5 failed attempts, then reconnect() tries again", () => {
    server.close(1006);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      h().act(() => vi.advanceTimersByTime(30_000));
      server.close(1006);
    }
    expect(shells.sockets).toHaveLength(6);
    expect(h().result.current.status).toBe("closed");
    expect(h().result.current.error).toContain("gave up after 5 attempts");

    h().act(() => h().result.current.reconnect());
    expect(shells.sockets).toHaveLength(7);
    expect(h().result.current.status).toBe("connecting");
  });

  it("shows the shell's error events and ignores frames of other channels", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    server.open();
    server.send(shellFrames.init());
    server.send({ channel: "shell:other", type: "output", data: { data: "not mine" } });
    server.send(shellFrames.error());
    expect(written).toEqual([]);
    expect(h().result.current.error).toBe("cols must be 1-500 (bad_request)");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("ignored a frame"));
    warn.mockRestore();
  });

  it("builds wss: URLs under https", () => {
    expect(shellSocketUrl({ protocol: "https:", host: "x.dev" }, "/ws/shell/a")).toBe(
      "wss://x.dev/ws/shell/a",
    );
  });
});

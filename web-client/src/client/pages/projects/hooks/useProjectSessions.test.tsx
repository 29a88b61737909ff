// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionSummary } from "@switchboard/contract";
import {
  flush,
  type HookHarness,
  renderHookWithSocket,
} from "../../../../../test-support/renderHook";
import { type ProjectSessionsResult, useProjectSessions } from "./useProjectSessions";

const CHANNEL = "project:p1";

function session(id: string, updatedAt = "2026-11-28T08:00:00Z", title = id): SessionSummary {
  return {
    id,
    projectId: "p1",
    title,
    status: "idle",
    messageCount: 0,
    createdAt: `2026-11-28T08:00:0${id.slice(-1)}Z`,
    updatedAt,
  };
}

const event = (type: string, data: object, offset: number) => ({
  channel: CHANNEL,
  type,
  data,
  offset,
});

let harness: HookHarness<ProjectSessionsResult> | null = null;

afterEach(() => {
  vi.useRealTimers();
  harness?.unmount();
  harness = null;
});

function ids(h: HookHarness<ProjectSessionsResult>) {
  return h.result.current.state.sessions?.map((s) => `${s.id}:${s.title}`);
}

describe("useProjectSessions", () => {
  it("subscribes before loading, and applies events that arrived while the list loaded", async () => {
    let answer: (sessions: SessionSummary[]) => void = () => {};
    const api = {
      listSessions: vi.fn(() => new Promise<SessionSummary[]>((resolve) => (answer = resolve))),
    };
    harness = renderHookWithSocket(() => useProjectSessions("p1", api));
    const h = harness;
    expect(h.sent()).toContainEqual(
      expect.objectContaining({ type: "subscribe", data: { channel: CHANNEL } }),
    );
    h.receive(event("session_created", session("s3"), 1));
    // Older than the list's version of s1: must not win.
    h.receive(event("session_updated", session("s1", "2026-11-28T07:00:00Z", "old"), 2));
    h.receive(event("session_deleted", { sessionId: "s2", projectId: "p1" }, 3));

    answer([session("s1", "2026-11-28T08:00:00Z", "new"), session("s2")]);
    await flush();

    expect(h.result.current.state.status).toBe("ready");
    expect(ids(h)).toEqual(["s1:new", "s3:s3"]);
  });

  it("keeps the list live", async () => {
    const api = { listSessions: () => Promise.resolve([session("s1")]) };
    harness = renderHookWithSocket(() => useProjectSessions("p1", api));
    const h = harness;
    await flush();
    h.receive(event("session_created", session("s2"), 1));
    h.receive(event("session_updated", session("s1", "2026-11-28T09:00:00Z", "renamed"), 2));
    expect(ids(h)).toEqual(["s1:renamed", "s2:s2"]);

    h.receive(event("session_deleted", { sessionId: "s1", projectId: "p1" }, 3));
    expect(ids(h)).toEqual(["s2:s2"]);
  });

  it("reloads the list when the server cannot replay the gap", async () => {
    vi.useFakeTimers();
    const listSessions = vi
      .fn<() => Promise<SessionSummary[]>>()
      .mockResolvedValueOnce([session("s1")])
      .mockResolvedValueOnce([session("s1"), session("s2")]);
    const api = { listSessions };
    harness = renderHookWithSocket(() => useProjectSessions("p1", api));
    const h = harness;
    await flush();
    h.receive(event("session_created", session("s4"), 7));
    h.act(() => h.factory.last.confirmSubscribe(CHANNEL, "e1", 7, true));
    // A reconnect whose `since` the server could not honour:
    h.act(() => {
      h.factory.last.serverClose(4001);
    });
    h.act(() => {
      vi.advanceTimersByTime(1000);
      h.factory.last.open();
    });
    h.act(() => h.factory.last.confirmSubscribe(CHANNEL, "e2", 1, false));
    await flush();

    expect(listSessions).toHaveBeenCalledTimes(2);
    expect(ids(h)).toEqual(["s1:s1", "s2:s2"]);
  });

  it("reports a list that cannot be loaded", async () => {
    const api = { listSessions: () => Promise.reject(new Error("No project")) };
    harness = renderHookWithSocket(() => useProjectSessions("p1", api));
    await flush();
    expect(harness.result.current.state).toMatchObject({ status: "error", error: "No project" });
  });
});

// @vitest-environment jsdom
import { act } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, type SessionSnapshot } from "@/client/lib/api";
import { MessageRole, MessageStatus, SessionStatus } from "@switchboard/contract";
import {
  flush,
  type HookHarness,
  renderHookWithSocket,
} from "../../../../../test-support/renderHook";
import { SessionPage } from "./SessionPage";

const CHANNEL = "session:s1";
const snapshot: SessionSnapshot = {
  session: {
    id: "s1",
    projectId: "p1",
    title: "Release checklist",
    status: SessionStatus.RUNNING,
    messageCount: 2,
    createdAt: "2026-11-28T08:00:00Z",
    updatedAt: "2026-11-28T08:00:00Z",
  },
  messages: [
    {
      id: "m1",
      sessionId: "s1",
      role: MessageRole.USER,
      status: MessageStatus.COMPLETED,
      content: "make test",
      createdAt: "2026-11-28T08:00:00Z",
      outputComplete: true,
    },
    {
      id: "m2",
      sessionId: "s1",
      role: MessageRole.AGENT,
      status: MessageStatus.RUNNING,
      content: "",
      createdAt: "2026-11-28T08:00:01Z",
      replyTo: "m1",
      outputComplete: true,
    },
  ],
  position: { epoch: "e1", offset: 2 },
};

let harness: HookHarness<null> | null = null;
let container: HTMLElement;

beforeEach(async () => {
  vi.spyOn(api, "getSession").mockResolvedValue(snapshot);
  vi.spyOn(api, "getProject").mockResolvedValue({
    id: "p1",
    name: "switchboard",
    path: "/srv/switchboard",
    createdAt: "2026-11-28T08:00:00Z",
  });
  vi.spyOn(api, "getAgent").mockResolvedValue({
    label: "sh -c",
    stdin: false,
    timeoutMs: 1000,
    maxRunsPerToken: 4,
    maxRunsPerNode: 32,
    maxStoredChars: 1_048_576,
    sandbox: { mode: "auto", enforced: true, network: true },
  });
  container = document.createElement("div");
  document.body.append(container);
  harness = renderHookWithSocket(() => null, {
    container,
    wrap: (children) => (
      <MemoryRouter initialEntries={["/projects/p1/sessions/s1"]}>
        <Routes>
          <Route path="/projects/:projectId/sessions/:sessionId" element={<SessionPage />} />
        </Routes>
        {children}
      </MemoryRouter>
    ),
  });
  await flush();
});

afterEach(() => {
  harness?.unmount();
  harness = null;
  container.remove();
  vi.restoreAllMocks();
});

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);

/** Output is painted once per animation frame: wait for the next one. */
const nextFrame = () =>
  act(async () => {
    await new Promise<void>((painted) => requestAnimationFrame(() => painted()));
  });

describe("SessionPage", () => {
  it("streams the running reply with a cursor, then shows how it ended", async () => {
    expect(container.querySelector("h1")?.textContent).toBe("Release checklist");
    expect(byTestId("agent-label")?.textContent).toBe("sh -c");
    expect(container.querySelector('nav[aria-label="Breadcrumb"]')?.textContent).toContain(
      "switchboard",
    );
    harness?.receive({
      channel: CHANNEL,
      type: "stream_output",
      data: { messageId: "m2", seq: 0, chunk: "ok 42 tests\n", stream: "stdout" },
      offset: 3,
    });
    await nextFrame();
    expect(byTestId("message-output")?.textContent).toBe("ok 42 tests");
    expect(byTestId("stream-cursor")).not.toBeNull();
    expect(byTestId("cancel")).not.toBeNull();

    harness?.receive({
      channel: CHANNEL,
      type: "message_complete",
      data: {
        messageId: "m2",
        status: "failed",
        exitCode: 2,
        durationMs: 1500,
        chunkCount: 1,
        outputComplete: true,
      },
      offset: 4,
    });
    expect(byTestId("stream-cursor")).toBeNull();
    expect(byTestId("cancel")).toBeNull();
    expect(byTestId("exit-code")?.textContent).toBe("exit code 2");
    expect(byTestId("message-status")?.textContent).toBe("Failed");
    expect(byTestId("output-lost")).toBeNull();
  });

  it("says when a reply's output was lost because the server stopped", async () => {
    harness?.receive({
      channel: CHANNEL,
      type: "stream_output",
      data: { messageId: "m2", seq: 0, chunk: "line 1\n", stream: "stdout" },
      offset: 3,
    });
    harness?.receive({
      channel: CHANNEL,
      type: "message_complete",
      data: {
        messageId: "m2",
        status: "interrupted",
        durationMs: 3000,
        chunkCount: 1,
        outputComplete: false,
      },
      offset: 4,
    });
    await nextFrame();
    expect(byTestId("message-output")?.textContent).toBe("line 1");
    expect(byTestId("output-lost")?.textContent).toBe(
      "Output after this point was lost when the server stopped.",
    );
  });

  it("sends cancel for the running reply", () => {
    harness?.act(() => (byTestId("cancel") as HTMLButtonElement).click());
    expect(harness?.sent().at(-1)).toEqual({
      channel: CHANNEL,
      type: "cancel",
      data: { messageId: "m2" },
    });
  });
});

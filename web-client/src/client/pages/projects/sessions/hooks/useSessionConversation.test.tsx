// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionSnapshot } from "@/client/lib/api";
import {
  type Frame,
  MessageRole,
  MessageStatus,
  type SessionEvent,
  type SessionMessage,
} from "@switchboard/contract";
import {
  flush,
  type HookHarness,
  renderHookWithSocket,
} from "../../../../../../test-support/renderHook";
import { EMPTY_CONVERSATION, messageText } from "./conversation";
import {
  applySessionEvent,
  type SessionConversation,
  useSessionConversation,
} from "./useSessionConversation";

const CHANNEL = "session:s1";

function message(overrides: Partial<SessionMessage>): SessionMessage {
  return {
    id: "m1",
    sessionId: "s1",
    role: MessageRole.USER,
    status: MessageStatus.COMPLETED,
    content: "echo hi",
    createdAt: "2026-11-28T08:00:00Z",
    outputComplete: true,
    ...overrides,
  };
}

function snapshot(messages: SessionMessage[], offset = 4): SessionSnapshot {
  return {
    session: {
      id: "s1",
      projectId: "p1",
      title: "Build",
      status: "idle",
      messageCount: messages.length,
      createdAt: "2026-11-28T08:00:00Z",
      updatedAt: "2026-11-28T08:00:00Z",
    },
    messages,
    position: { epoch: "e1", offset },
  };
}

const events = {
  created: (m: SessionMessage, offset: number) => ({
    channel: CHANNEL,
    type: "message_created",
    data: { message: m },
    offset,
  }),
  output: (messageId: string, seq: number, chunk: string, offset: number, stream = "stdout") => ({
    channel: CHANNEL,
    type: "stream_output",
    data: { messageId, seq, chunk, stream },
    offset,
  }),
  complete: (messageId: string, offset: number) => ({
    channel: CHANNEL,
    type: "message_complete",
    data: {
      messageId,
      status: "completed",
      exitCode: 0,
      durationMs: 12,
      chunkCount: 2,
      outputComplete: true,
    },
    offset,
  }),
};

let harness: HookHarness<SessionConversation> | null = null;

afterEach(() => {
  harness?.unmount();
  harness = null;
});

async function render(getSession: (id: string) => Promise<SessionSnapshot>) {
  const api = { getSession: vi.fn(getSession) };
  let ids = 0;
  const options = { api, newClientMessageId: () => `c${++ids}`, output: { batcher: null } };
  harness = renderHookWithSocket(() => useSessionConversation("s1", options));
  await flush();
  return { h: harness, api };
}

describe("useSessionConversation", () => {
  it("loads the snapshot, then subscribes since its position", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([message({})])));

    expect(h.result.current.load).toBe("ready");
    expect(h.result.current.messages.map(messageText)).toEqual(["echo hi"]);
    expect(h.sent()).toContainEqual(
      expect.objectContaining({
        type: "subscribe",
        data: { channel: CHANNEL, since: { epoch: "e1", offset: 4 } },
      }),
    );
  });

  it("streams a reply's output as it arrives and records how it ended", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([])));
    h.receive(events.created(message({}), 5));
    h.receive(
      events.created(
        message({ id: "m2", role: MessageRole.AGENT, status: MessageStatus.RUNNING, content: "" }),
        6,
      ),
    );
    h.receive(events.output("m2", 0, "hi\n", 7));
    expect(h.result.current.running?.id).toBe("m2");

    h.receive(events.output("m2", 1, "oops\n", 8, "stderr"));
    h.receive(events.complete("m2", 9));

    const reply = h.result.current.messages[1]!;
    expect([reply.output!.line(0), reply.output!.line(1)]).toEqual([
      { stream: "stdout", text: "hi" },
      { stream: "stderr", text: "oops" },
    ]);
    expect(reply).toMatchObject({ status: "completed", exitCode: 0, chunkCount: 2 });
    expect(h.result.current.running).toBeNull();
  });

  it("applies a replayed event only once", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([])));
    h.receive(
      events.created(
        message({ id: "m2", role: MessageRole.AGENT, status: MessageStatus.RUNNING, content: "" }),
        5,
      ),
    );
    h.receive(events.output("m2", 0, "a", 6));
    h.receive(events.output("m2", 0, "a", 6));

    expect(messageText(h.result.current.messages[0]!)).toBe("a");
  });

  it("sends a message, shows it as sending, and confirms it when the server echoes it", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([])));

    expect(h.result.current.send("   ")).toBe(false);
    let accepted = false;
    h.act(() => {
      accepted = h.result.current.send("ls -la");
    });
    expect(accepted).toBe(true);
    expect(h.sent().at(-1)).toEqual({
      channel: CHANNEL,
      type: "send_message",
      data: { text: "ls -la", clientMessageId: "c1" },
      ref: (h.sent().at(-1) as { ref: string }).ref,
    });
    expect(h.result.current.messages[0]).toMatchObject({ status: "sending", id: "pending:c1" });

    h.receive(events.created(message({ id: "m9", content: "ls -la", clientMessageId: "c1" }), 5));
    expect(h.result.current.messages).toHaveLength(1);
    expect(h.result.current.messages[0]).toMatchObject({ id: "m9", status: "completed" });
  });

  it("marks a message the server refuses as not sent, with the reason, keeping its text", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([])));
    h.act(() => {
      h.result.current.send("ls -la");
    });
    const sent = h.sent().at(-1) as { ref: string };

    h.receive({
      channel: "global",
      type: "error",
      ref: sent.ref,
      data: { code: "not_found", message: "session:s1 does not exist.", retryable: false },
    });

    expect(h.result.current.messages).toHaveLength(1);
    expect(h.result.current.messages[0]).toMatchObject({
      status: "not_sent",
      error: "session:s1 does not exist. (not_found)",
      text: "ls -la",
    });
  });

  it("cancels the running reply", async () => {
    const { h } = await render(() =>
      Promise.resolve(
        snapshot([message({ id: "m2", role: MessageRole.AGENT, status: MessageStatus.RUNNING })]),
      ),
    );
    h.act(() => expect(h.result.current.cancel()).toBe(true));

    expect(h.sent().at(-1)).toEqual({
      channel: CHANNEL,
      type: "cancel",
      data: { messageId: "m2" },
    });
  });

  it("reloads the snapshot when the server cannot replay what was missed", async () => {
    let calls = 0;
    const { h, api } = await render(() =>
      Promise.resolve(
        ++calls === 1
          ? snapshot([message({})])
          : snapshot([message({}), message({ id: "m3", content: "later" })], 40),
      ),
    );
    h.act(() => h.factory.last.confirmSubscribe(CHANNEL, "e2", 40, false));
    await flush();

    expect(api.getSession).toHaveBeenCalledTimes(2);
    expect(h.result.current.messages.map(messageText)).toEqual(["echo hi", "later"]);
  });

  it("reports a snapshot that cannot be loaded", async () => {
    const { h } = await render(() => Promise.reject(new Error("No session has the id")));
    expect(h.result.current.load).toEqual({ error: "No session has the id" });
  });

  it("unsubscribes when unmounted", async () => {
    const { h } = await render(() => Promise.resolve(snapshot([])));
    expect(h.client.getActiveChannels()).toEqual([CHANNEL]);
    h.unmount();
    harness = null;
    expect(h.client.getActiveChannels()).toEqual([]);
  });
});

describe("applySessionEvent", () => {
  it("keeps the last error event until dismissed", () => {
    const error = {
      channel: CHANNEL,
      type: "error",
      data: { code: "conflict", message: "A message is running" },
    } as Frame<SessionEvent>;
    expect(applySessionEvent(EMPTY_CONVERSATION, error).lastError).toEqual(error.data);
  });

  it("shows output of a reply it never saw created instead of losing it", () => {
    const output = events.output("m7", 3, "tail", 9) as Frame<SessionEvent>;
    const state = applySessionEvent(EMPTY_CONVERSATION, output);
    expect(state.messages[0]).toMatchObject({ id: "m7", role: "agent", status: "running" });
    expect(messageText(state.messages[0]!)).toBe("tail");
  });
});

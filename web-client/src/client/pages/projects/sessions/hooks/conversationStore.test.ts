import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Channels, GlobalCommandTypes, MessageRole, MessageStatus } from "@switchboard/contract";
import { WebSocketClient } from "@switchboard/client";
import { FakeSocketFactory, serverFrames } from "../../../../../../test-support/fakeWebSocket";
import { FrameBatcher } from "../output/frameBatcher";
import { ConversationStore } from "./conversationStore";

const CHANNEL = Channels.session("s1");

function reply(offset: number) {
  return {
    channel: CHANNEL,
    type: "message_created",
    offset,
    data: {
      message: {
        id: "m2",
        sessionId: "s1",
        role: MessageRole.AGENT,
        status: MessageStatus.RUNNING,
        content: "",
        createdAt: "2026-12-07T01:00:00Z",
        outputComplete: true,
      },
    },
  };
}

/** Chunk `seq` of a `seq 1 N | sed 's/^/line number /'` reply, 500 lines per chunk. */
function chunk(seq: number, offset: number) {
  const lines = Array.from({ length: 500 }, (_, i) => `line number ${seq * 500 + i + 1}\n`);
  return {
    channel: CHANNEL,
    type: "stream_output",
    offset,
    data: { messageId: "m2", seq, chunk: lines.join(""), stream: "stdout" },
  };
}

function setup() {
  const frames: (() => void)[] = [];
  const batcher = new FrameBatcher((callback) => frames.push(callback));
  const store = new ConversationStore({ maxLines: 10_000, batcher });
  const factory = new FakeSocketFactory();
  const logger = { warn: vi.fn(), error: vi.fn() };
  const client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 },
    logger,
  });
  client.connect();
  client.subscribe(CHANNEL, (event) => store.dispatch({ kind: "event", event }));
  factory.last.open({ connected: false });
  factory.last.receive(serverFrames.connected());
  return { frames, store, client, socket: factory.last, logger };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("ConversationStore under a flood of output (issue 20)", () => {
  it("renders a 300,000-line reply once per frame, not once per chunk", () => {
    const { frames, store, socket } = setup();
    const conversationChanges = vi.fn();
    store.subscribe(conversationChanges);
    socket.receive(reply(1));
    const lines = store.getSnapshot().messages[0]!.output!;
    const renders = vi.fn();
    lines.subscribe(renders);

    for (let seq = 0; seq < 600; seq += 1) {
      socket.receive(chunk(seq, seq + 2));
    }

    // One message appeared; the 600 chunks changed no conversation state and rendered nothing.
    expect(conversationChanges).toHaveBeenCalledTimes(1);
    expect(renders).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(renders).toHaveBeenCalledTimes(1);
    const { first, end } = lines.getSnapshot();
    expect(end).toBe(300_000);
    expect(end - first).toBe(10_000);
    expect(lines.line(end - 1)!.text).toBe("line number 300000");
  });

  it("handles a pong that arrives amid the flood at once, so the heartbeat never times out", () => {
    const { frames, store, client, socket, logger } = setup();
    socket.receive(reply(1));
    const renders = vi.fn();
    store.getSnapshot().messages[0]!.output!.subscribe(renders);
    const ping = socket.sentFrames().find((frame) => frame.type === GlobalCommandTypes.PING)!;
    let rendersBeforePong: number | null = null;
    client.subscribeSnapshot(() => {
      if (client.getSnapshot().averageLatencyMs !== null && rendersBeforePong === null) {
        rendersBeforePong = renders.mock.calls.length;
      }
    });

    for (let seq = 0; seq < 600; seq += 1) {
      if (seq === 300) {
        vi.advanceTimersByTime(40); // the pong comes back 40 ms after the ping
        socket.receive(serverFrames.pong(ping.ref, (ping.data as { timestamp: number }).timestamp));
      }
      socket.receive(chunk(seq, seq + 2));
    }

    // The pong was handled where it stood in the stream, before any render.
    expect(rendersBeforePong).toBe(0);
    expect(client.getSnapshot().averageLatencyMs).toBe(40);
    frames.shift()!();
    vi.advanceTimersByTime(10_000); // past the 5 s pong timeout
    expect(client.isOpen()).toBe(true);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode, GlobalCommandTypes } from "@switchboard/contract";
import { FakeSocketFactory, serverFrames } from "../../../test-support/fakeWebSocket";
import type { ClientError } from "../src/connectionErrors.js";
import type { StateChange } from "../src/connectionState.js";
import { MAX_PENDING_REPLIES } from "../src/pendingReplies.js";
import { WebSocketClient } from "../src/WebSocketClient.js";

function setup(maxQueuedMessages?: number) {
  const factory = new FakeSocketFactory();
  const logger = { warn: vi.fn(), error: vi.fn() };
  const client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 }, // no jitter: delays are exactly 1, 2, 4, 8, 16 s
    maxQueuedMessages,
    logger,
  });
  const errors: ClientError[] = [];
  client.onError((error) => errors.push(error));
  const changes: StateChange[] = [];
  client.onStateChange((change) => changes.push(change));
  return { factory, logger, client, errors, changes };
}

/** The frames that are not heartbeat pings (one goes out on every `connected`). */
function commandsOf(frames: Record<string, unknown>[]) {
  return frames.filter((frame) => frame.type !== GlobalCommandTypes.PING);
}

function pingsOf(frames: Record<string, unknown>[]) {
  return frames.filter((frame) => frame.type === GlobalCommandTypes.PING);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("WebSocketClient connection", () => {
  it("moves connecting → open and reports each change once", () => {
    const { factory, client, changes } = setup();
    client.connect();
    factory.last.open();

    expect(client.isOpen()).toBe(true);
    expect(changes).toEqual([
      { oldState: "disconnected", newState: "connecting" },
      { oldState: "connecting", newState: "open" },
    ]);
  });

  it("pings on connected, then every announced interval, and records each pong's latency", () => {
    const { factory, client } = setup();
    client.connect();
    const socket = factory.last;
    socket.open({ connected: false });
    socket.receive(serverFrames.connected(10000));
    const answer = (ping: Record<string, unknown> | undefined) =>
      socket.receive(serverFrames.pong(ping?.ref, (ping?.data as { timestamp: number }).timestamp));

    const [first] = pingsOf(socket.sentFrames());
    expect(first).toMatchObject({ data: { timestamp: Date.now() } });
    vi.advanceTimersByTime(20);
    answer(first);
    expect(client.getSnapshot().averageLatencyMs).toBe(20);

    vi.advanceTimersByTime(10000 - 20);
    const second = pingsOf(socket.sentFrames())[1];
    expect(second).toMatchObject({ data: { timestamp: Date.now() } });
    vi.advanceTimersByTime(40);
    answer(second);
    vi.advanceTimersByTime(10000);

    expect(pingsOf(socket.sentFrames())).toHaveLength(3);
    expect(client.getSnapshot().averageLatencyMs).toBe(30);
  });

  it("reconnects when no pong arrives within the pong timeout", () => {
    const { factory, client, logger } = setup();
    client.connect();
    const first = factory.last;
    first.open({ connected: false });
    first.receive(serverFrames.connected(30000, 5000));

    vi.advanceTimersByTime(4999);
    expect(client.isOpen()).toBe(true);
    vi.advanceTimersByTime(1);

    expect(client.isReconnecting()).toBe(true);
    expect(first.closedByClient).toBe(CloseCode.NORMAL);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining("heartbeat timed out: no pong within 5000 ms"),
    );
    vi.advanceTimersByTime(1000);
    expect(factory.sockets).toHaveLength(2);
    expect(client.metrics.snapshot().reconnections).toBe(1);
  });

  it("counts a manual reconnect() as a reconnection and opens a new socket at once", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last.open();

    client.reconnect();

    expect(factory.sockets).toHaveLength(2);
    expect(factory.sockets[0]?.closedByClient).toBe(CloseCode.NORMAL);
    expect(client.metrics.snapshot().reconnections).toBe(1);
  });

  it("waits 1, 2, 4, 8 and 16 s between attempts, then stays disconnected until reconnect()", () => {
    const { factory, client, errors } = setup();
    client.connect();
    factory.last.serverClose(1006);

    for (const [index, delayMs] of [1000, 2000, 4000, 8000, 16000].entries()) {
      expect(client.getSnapshot()).toMatchObject({ state: "reconnecting", attempt: index + 1 });
      vi.advanceTimersByTime(delayMs - 1);
      expect(factory.sockets).toHaveLength(index + 1);
      vi.advanceTimersByTime(1);
      expect(factory.sockets).toHaveLength(index + 2);
      factory.last.serverClose(1006);
    }

    expect(client.getSnapshot()).toMatchObject({ state: "disconnected", attempt: 5 });
    expect(errors.at(-1)?.message).toContain("Could not reconnect after 5 attempts");
    vi.advanceTimersByTime(120000);
    expect(factory.sockets).toHaveLength(6);

    client.reconnect();
    expect(factory.sockets).toHaveLength(7);
    expect(client.getSnapshot()).toMatchObject({ state: "connecting", attempt: 0 });
  });

  it("waits the delay a draining server chose instead of its own backoff, once", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last.open();
    factory.last.receive({ channel: "global", type: "draining", data: { retryAfterMs: 3500 } });
    factory.last.serverClose(CloseCode.SERVER_DRAINING);

    expect(client.getSnapshot()).toMatchObject({ state: "reconnecting", attempt: 1 });
    vi.advanceTimersByTime(3499);
    expect(factory.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(2);

    // The next drop, without a draining event, is the backoff's again (2 s ± 20 %).
    factory.last.serverClose(1006);
    vi.advanceTimersByTime(1599);
    expect(factory.sockets).toHaveLength(2);
    vi.advanceTimersByTime(801);
    expect(factory.sockets).toHaveLength(3);
  });

  it("starts counting attempts again once a connection opens", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last.serverClose(1006);
    vi.advanceTimersByTime(1000);
    factory.last.open();
    factory.last.serverClose(CloseCode.SERVER_DRAINING);

    expect(client.getSnapshot()).toMatchObject({ state: "reconnecting", attempt: 1 });
  });

  it.each([CloseCode.UNAUTHORIZED, CloseCode.TOO_MANY_PROTOCOL_ERRORS, 4999, CloseCode.NORMAL])(
    "does not reconnect after close code %i and says why",
    (code) => {
      const { factory, client, errors } = setup();
      client.connect();
      factory.last.open();
      factory.last.serverClose(code, "token revoked");
      vi.advanceTimersByTime(120000);

      expect(client.isDisconnected()).toBe(true);
      expect(factory.sockets).toHaveLength(1);
      expect(errors).toEqual([
        expect.objectContaining({ kind: "connection", closeCode: code }) as ClientError,
      ]);
    },
  );

  it("stays down after disconnect() and ignores the old socket's events", () => {
    const { factory, client } = setup();
    client.connect();
    const socket = factory.last;
    socket.open();
    client.disconnect();
    socket.serverClose(1006);
    vi.advanceTimersByTime(120000);

    expect(socket.closedByClient).toBe(CloseCode.NORMAL);
    expect(client.isDisconnected()).toBe(true);
    expect(factory.sockets).toHaveLength(1);
  });

  it("drops the oldest queued message when the queue is full, and warns", () => {
    const { factory, client, logger } = setup(3);
    for (const id of ["a", "b", "c", "d"]) {
      client.send({ channel: "session:42", type: "cancel", data: { messageId: id } });
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toContain("dropped the oldest");

    client.connect();
    factory.last.open();

    const sentIds = commandsOf(factory.last.sentFrames()).map((frame) => frame.data);
    expect(sentIds).toEqual([{ messageId: "b" }, { messageId: "c" }, { messageId: "d" }]);
  });

  it("caps the queue at 100 messages by default", () => {
    const { factory, client, logger } = setup();
    for (let i = 0; i < 101; i += 1) {
      client.send({ channel: "session:42", type: "cancel", data: { messageId: `m-${i}` } });
    }
    client.connect();
    factory.last.open();

    expect(commandsOf(factory.last.sentFrames())).toHaveLength(100);
    expect(factory.last.sentFrames()[0]).toMatchObject({ data: { messageId: "m-1" } });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it("ignores malformed frames with a warning and keeps the connection", () => {
    const { factory, client, logger } = setup();
    const globalHandler = vi.fn();
    client.subscribe("global", globalHandler);
    client.connect();
    factory.last.open({ connected: false });

    factory.last.receive("{not json");
    factory.last.receive({ channel: "global", type: "stream_output", data: {} });

    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[1]?.[0]).toContain('"stream_output" on "global"');
    expect(globalHandler).not.toHaveBeenCalled();
    expect(client.isOpen()).toBe(true);
    expect(client.metrics.snapshot().messagesReceived).toBe(2);
  });

  it("drops frames that break the contract before any handler and lists them with why", () => {
    const { factory, client } = setup();
    const sessionHandler = vi.fn();
    client.subscribe("session:s1", sessionHandler);
    client.connect();
    factory.last.open();
    const valid = {
      channel: "session:s1",
      type: "stream_output",
      data: { messageId: "m-1", seq: 0, chunk: "hi", stream: "stdout" },
      offset: 1,
    };

    factory.last.receive({ ...valid, type: "stream_outputs" }); // wrong type
    factory.last.receive({ ...valid, data: { ...valid.data, chunk: undefined } }); // missing field
    factory.last.receive({ ...valid, channel: "project:p1" }); // wrong channel family
    factory.last.receive(valid);

    expect(sessionHandler).toHaveBeenCalledOnce();
    expect(client.metrics.snapshot().messagesRejected).toBe(3);
    expect(client.getRejectedFrames().map((frame) => frame.problem)).toEqual([
      '"stream_outputs" on "session:s1" is not a valid SessionEvent: "type" is not one of its types',
      '"stream_output" on "session:s1" is not a valid SessionEvent: data must have required property \'chunk\'',
      '"stream_output" on "project:p1" is not a valid ProjectEvent: "type" is not one of its types',
    ]);
  });

  it("reports server error frames with their code", () => {
    const { factory, client, errors } = setup();
    client.connect();
    factory.last.open();
    factory.last.receive({
      channel: "global",
      type: "error",
      data: { code: "rate_limited", message: "slow down", retryable: true },
    });

    expect(errors).toEqual([
      { kind: "server", code: "rate_limited", message: "slow down", retryable: true },
    ]);
  });

  it("hands the error answering a command to that command's handler, once", () => {
    const { factory, client, errors } = setup();
    client.connect();
    factory.last.open();
    const onError = vi.fn();

    client.send({ channel: "session:s1", type: "cancel", data: { messageId: "m1" } }, onError);
    const [sent] = commandsOf(factory.last.sentFrames());
    expect(typeof sent?.ref).toBe("string");
    factory.last.receive({
      channel: "global",
      type: "error",
      ref: sent?.ref,
      data: { code: "not_found", message: "session:s1 does not exist.", retryable: false },
    });

    expect(onError).toHaveBeenCalledExactlyOnceWith({
      code: "not_found",
      message: "session:s1 does not exist.",
    });
    // The listeners (the page's toasts) hear it as they hear every server error.
    expect(errors).toEqual([
      {
        kind: "server",
        code: "not_found",
        message: "session:s1 does not exist.",
        retryable: false,
      },
    ]);
    // The handler is gone once answered.
    factory.last.receive({
      channel: "global",
      type: "error",
      ref: sent?.ref,
      data: { code: "internal", message: "later", retryable: true },
    });
    expect(onError).toHaveBeenCalledOnce();
    expect(errors).toHaveLength(2);
  });

  it("hands a channel's error answering a command to its handler and still delivers it", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last.open();
    const onChannel = vi.fn();
    client.subscribe("session:s1", onChannel);
    const onError = vi.fn();

    client.send(
      { channel: "session:s1", type: "send_message", data: { text: "ls", clientMessageId: "c1" } },
      onError,
    );
    const sent = factory.last.sentFrames().at(-1);
    factory.last.receive({
      channel: "session:s1",
      type: "error",
      ref: sent?.ref,
      data: { code: "conflict", message: "A reply is already running.", messageId: "m0" },
    });

    expect(onError).toHaveBeenCalledExactlyOnceWith({
      code: "conflict",
      message: "A reply is already running.",
    });
    expect(onChannel).toHaveBeenCalledOnce();
  });

  it(`keeps at most ${MAX_PENDING_REPLIES} commands waiting for an answer, forgetting the oldest`, () => {
    const { factory, client } = setup();
    client.connect();
    factory.last.open();
    const handlers = Array.from({ length: MAX_PENDING_REPLIES + 1 }, () => vi.fn());
    handlers.forEach((handler, index) =>
      client.send(
        { channel: "session:s1", type: "cancel", data: { messageId: `m${index}` } },
        handler,
      ),
    );
    const refs = factory.last.sentFrames().map((frame) => frame.ref);
    const answer = (ref: unknown) =>
      factory.last.receive({
        channel: "global",
        type: "error",
        ref,
        data: { code: "not_found", message: "gone", retryable: false },
      });

    answer(refs[0]);
    answer(refs.at(-1));

    expect(handlers[0]).not.toHaveBeenCalled();
    expect(handlers.at(-1)).toHaveBeenCalledOnce();
  });

  it("shows every frame in and out to a tap until it is removed", () => {
    const { factory, client } = setup();
    const frames: { direction: string; channel: string | null; type: string | null }[] = [];
    const untap = client.tapFrames(({ direction, channel, type }) =>
      frames.push({ direction, channel, type }),
    );
    client.connect();
    factory.last.open();
    client.subscribe("session:1", () => {});
    factory.last.receive("{not json");
    untap();
    factory.last.receive(serverFrames.connected());

    expect(frames).toEqual([
      { direction: "in", channel: "global", type: "connected" },
      { direction: "out", channel: "global", type: "ping" }, // the first heartbeat, on connected
      { direction: "out", channel: "global", type: "subscribe" },
      { direction: "in", channel: null, type: null },
    ]);
    expect(client.getRecentFrames().map((frame) => frame.type)).toEqual([
      "connected",
      "ping",
      "subscribe",
      null,
      "connected",
      "ping",
    ]);
  });
});

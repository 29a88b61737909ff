import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  Channels,
  CloseCode,
  type Frame,
  GlobalCommandTypes,
  type SessionEvent,
} from "@switchboard/contract";
import { FakeSocketFactory, serverFrames } from "../../../test-support/fakeWebSocket";
import type { ClientError } from "../src/connectionErrors.js";
import { WebSocketClient } from "../src/WebSocketClient.js";

const session = Channels.session("42");

/** A client with one open socket and a subscriber on `session:42` whose offsets are recorded. */
function setup() {
  const factory = new FakeSocketFactory();
  const client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 },
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  const errors: ClientError[] = [];
  client.onError((error) => errors.push(error));
  const applied: (number | null | undefined)[] = [];
  const onResync = vi.fn();
  client.connect();
  factory.last.open();
  const unsubscribe = client.subscribe(
    session,
    (event: Frame<SessionEvent>) => applied.push(event.offset),
    { onResync },
  );
  return { factory, client, errors, applied, onResync, unsubscribe };
}

function subscribesOf(frames: Record<string, unknown>[]) {
  return frames.filter((frame) => frame.type === GlobalCommandTypes.SUBSCRIBE);
}

/** Drops the connection with a reconnecting code and lets the first automatic attempt open. */
function reconnect(factory: FakeSocketFactory) {
  factory.last.serverClose(CloseCode.SERVER_DRAINING);
  vi.advanceTimersByTime(1000);
  factory.last.open();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("WebSocketClient subscriptions", () => {
  it("subscribes without a position the first time and delivers the channel's events", () => {
    const { factory, applied } = setup();
    expect(subscribesOf(factory.last.sentFrames())).toEqual([
      { channel: "global", type: "subscribe", data: { channel: session }, ref: "2" }, // "1": the ping on connected
    ]);

    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 1));
    factory.last.receive(serverFrames.streamOutput(session, 2));

    expect(applied).toEqual([1, 2]);
  });

  it("resubscribes every active channel since its last applied event after a reconnect", () => {
    const { factory, client, onResync } = setup();
    client.subscribe(Channels.project("p1"), vi.fn());
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 1));
    factory.last.receive(serverFrames.streamOutput(session, 2));

    reconnect(factory);

    expect(subscribesOf(factory.last.sentFrames()).map((frame) => frame.data)).toEqual([
      { channel: session, since: { epoch: "e1", offset: 2 } },
      { channel: "project:p1" },
    ]);
    expect(onResync).not.toHaveBeenCalled();
  });

  it("applies the replay that follows a recovered subscription, up to the announced offset", () => {
    const { factory, applied } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 1));
    reconnect(factory);

    // As the server sends it: the offset where live delivery starts, then the missed events.
    factory.last.confirmSubscribe(session, "e1", 4, true);
    for (const offset of [2, 3, 4, 5]) {
      factory.last.receive(serverFrames.streamOutput(session, offset));
    }

    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });

  it("drops replayed events whose offset was already applied", () => {
    const { factory, applied } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 1));
    factory.last.receive(serverFrames.streamOutput(session, 2));
    reconnect(factory);

    factory.last.confirmSubscribe(session, "e1", 4, true);
    for (const offset of [2, 3, 3, 4]) {
      factory.last.receive(serverFrames.streamOutput(session, offset));
    }

    expect(applied).toEqual([1, 2, 3, 4]);
  });

  it("calls onResync and adopts the new position when the server cannot recover", () => {
    const { factory, applied, onResync } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 7));
    reconnect(factory);

    factory.last.confirmSubscribe(session, "e2", 3, false);
    factory.last.receive(serverFrames.streamOutput(session, 4));

    expect(onResync).toHaveBeenCalledExactlyOnceWith({ epoch: "e2", offset: 3 });
    expect(applied).toEqual([7, 4]);
  });

  it("subscribes again from its position when the server resets a channel, on the same socket", () => {
    const { factory, applied, onResync } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 7));

    factory.last.receive(serverFrames.unsubscribed(session, "reset"));

    expect(factory.sockets).toHaveLength(1);
    expect(subscribesOf(factory.last.sentFrames()).at(-1)?.data).toEqual({
      channel: session,
      since: { epoch: "e1", offset: 7 },
    });
    factory.last.confirmSubscribe(session, "e2", 9, false);
    factory.last.receive(serverFrames.streamOutput(session, 10));
    expect(onResync).toHaveBeenCalledExactlyOnceWith({ epoch: "e2", offset: 9 });
    expect(applied).toEqual([7, 10]);
  });

  it("does not subscribe again when the server confirms the client's own unsubscribe", () => {
    const { factory, client, unsubscribe } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    unsubscribe();

    const leaveRef = factory.last.lastRef("unsubscribe", session);
    factory.last.receive(serverFrames.unsubscribed(session, "client", leaveRef));

    expect(subscribesOf(factory.last.sentFrames())).toHaveLength(1);
    expect(client.metrics.snapshot().staleAnswers).toBe(0);
  });

  it("starts from the position of a REST snapshot given as since", () => {
    const { factory, client } = setup();
    const applied: unknown[] = [];
    const channel = Channels.session("9");
    client.subscribe(channel, (event) => applied.push(event.offset), {
      since: { epoch: "e1", offset: 5 },
    });

    expect(subscribesOf(factory.last.sentFrames()).at(-1)?.data).toEqual({
      channel,
      since: { epoch: "e1", offset: 5 },
    });
    factory.last.confirmSubscribe(channel, "e1", 7, true);
    for (const offset of [5, 6, 7, 8]) {
      factory.last.receive(serverFrames.streamOutput(channel, offset));
    }
    expect(applied).toEqual([6, 7, 8]);
  });

  it("subscribes on the server once per channel and unsubscribes after the last handler", () => {
    const { factory, client, unsubscribe } = setup();
    const second = client.subscribe(session, vi.fn());
    expect(subscribesOf(factory.last.sentFrames())).toHaveLength(1);

    unsubscribe();
    expect(client.getActiveChannels()).toEqual([session]);
    second();

    expect(factory.last.sentFrames().at(-1)).toEqual({
      channel: "global",
      type: "unsubscribe",
      data: { channel: session },
      ref: "3",
    });
    expect(client.getActiveChannels()).toEqual([]);
  });

  it("forgets a channel's handlers and position with its last handler", () => {
    const { factory, client, applied, unsubscribe } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 3));
    unsubscribe();
    expect(client.getSubscription(session)).toBeUndefined();

    const again: unknown[] = [];
    client.subscribe(session, (event) => again.push(event.offset));
    factory.last.confirmSubscribe(session, "e1", 3, false);
    factory.last.receive(serverFrames.streamOutput(session, 4));

    expect(subscribesOf(factory.last.sentFrames()).at(-1)?.data).toEqual({ channel: session });
    expect(applied).toEqual([3]);
    expect(again).toEqual([4]);
  });

  it("hands back the channel's subscription with its state and position", () => {
    const { factory, client } = setup();
    const subscription = client.getSubscription(session);
    expect(subscription?.state).toBe("subscribing");
    expect(client.getSubscriptions()).toEqual([subscription]);

    factory.last.confirmSubscribe(session, "e1", 0, false);
    factory.last.receive(serverFrames.streamOutput(session, 1));
    expect(subscription?.state).toBe("subscribed");
    expect(subscription?.position).toEqual({ epoch: "e1", offset: 1 });
    expect(subscription?.listenerCount).toBe(1);

    factory.last.serverClose(CloseCode.SERVER_DRAINING);
    expect(subscription?.state).toBe("unsubscribed");
  });

  it("subscribes once when a channel is followed again before the server confirmed leaving it", () => {
    const { factory, client, unsubscribe } = setup();
    factory.last.confirmSubscribe(session, "e1", 0, false);
    unsubscribe();
    client.subscribe(session, vi.fn());

    // The server answers the unsubscribe, then the new subscribe.
    const leaveRef = factory.last.lastRef("unsubscribe", session);
    factory.last.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    factory.last.confirmSubscribe(session, "e1", 0, false);

    expect(subscribesOf(factory.last.sentFrames())).toHaveLength(2);
    expect(client.getSubscription(session)?.state).toBe("subscribed");
  });

  it("hands the connection's own events to handlers of global without subscribing to it", () => {
    const { factory, client } = setup();
    const types: string[] = [];
    client.subscribe(Channels.global(), (event) => types.push(event.type));

    reconnect(factory);

    expect(types).toEqual(["connected"]);
    expect(subscribesOf(factory.last.sentFrames()).map((frame) => frame.data)).toEqual([
      { channel: session },
    ]);
  });

  it("reports a refused subscription with its channel and code", () => {
    const { factory, client, errors } = setup();
    const ref = factory.last.lastRef("subscribe", session);
    factory.last.receive(
      serverFrames.subscriptionError(session, "forbidden", "no access to session 42", ref),
    );

    expect(client.getSubscription(session)?.state).toBe("unsubscribed");
    expect(errors).toEqual([
      {
        kind: "subscription",
        channel: session,
        code: "forbidden",
        message: "no access to session 42",
      },
    ]);
  });
});

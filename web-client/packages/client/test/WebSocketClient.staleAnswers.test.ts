/**
 * A channel left and followed again before the server answered the first `subscribe`: the server
 * answers every command in order (the first subscribe, the unsubscribe, the second subscribe), and
 * only the answer carrying the `ref` of the subscription's own latest subscribe may move it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Channels, type Frame, GlobalCommandTypes, type SessionEvent } from "@switchboard/contract";
import { FakeSocketFactory, serverFrames } from "../../../test-support/fakeWebSocket";
import type { ClientError } from "../src/connectionErrors.js";
import { WebSocketClient } from "../src/WebSocketClient.js";

const session = Channels.session("42");
const since = { epoch: "e1", offset: 2 };

/**
 * A ready client whose first subscriber of `session:42` left before any answer and a second one
 * followed it again (with `options`): returns the refs of the three commands and what the second
 * subscriber received.
 */
function followedAgainBeforeAnswer(options: { firstSince?: typeof since; since?: typeof since }) {
  const factory = new FakeSocketFactory();
  const client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 },
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  const errors: ClientError[] = [];
  client.onError((error) => errors.push(error));
  client.connect();
  factory.last.open();
  const socket = factory.last;

  const leave = client.subscribe(session, vi.fn(), { since: options.firstSince });
  const firstRef = socket.lastRef("subscribe", session);
  leave();
  const leaveRef = socket.lastRef("unsubscribe", session);

  const applied: (number | null | undefined)[] = [];
  const onResync = vi.fn();
  client.subscribe(session, (event: Frame<SessionEvent>) => applied.push(event.offset), {
    since: options.since,
    onResync,
  });
  const secondRef = socket.lastRef("subscribe", session);
  const subscribes = () =>
    socket.sentFrames().filter((frame) => frame.type === GlobalCommandTypes.SUBSCRIBE);
  return { client, socket, errors, firstRef, leaveRef, secondRef, applied, onResync, subscribes };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("WebSocketClient answers to an earlier subscription of the same channel", () => {
  it("ignores the first subscribe's success and the unsubscribe's answer, and subscribes once", () => {
    const { client, socket, firstRef, leaveRef, secondRef, applied, onResync, subscribes } =
      followedAgainBeforeAnswer({});

    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 5, false, firstRef));
    expect(client.getSubscription(session)?.state).toBe("subscribing");
    socket.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    expect(client.getSubscription(session)?.state).toBe("subscribing");
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 5, false, secondRef));
    socket.receive(serverFrames.streamOutput(session, 6));

    expect(subscribes()).toHaveLength(2);
    expect(client.getSubscription(session)?.state).toBe("subscribed");
    expect(client.getSubscription(session)?.position).toEqual({ epoch: "e1", offset: 6 });
    expect(applied).toEqual([6]);
    expect(onResync).not.toHaveBeenCalled();
    expect(client.metrics.snapshot().staleAnswers).toBe(2);
  });

  it("neither calls onResync nor cuts the replay on the first subscribe's unrecovered success", () => {
    // The first subscriber had no position: its success says `recovered: false` at the live end.
    const { socket, firstRef, leaveRef, secondRef, applied, onResync } = followedAgainBeforeAnswer({
      since,
    });

    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 9, false, firstRef));
    socket.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 9, true, secondRef));
    for (const offset of [3, 4, 5, 6, 7, 8, 9]) {
      socket.receive(serverFrames.streamOutput(session, offset));
    }

    expect(applied).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(onResync).not.toHaveBeenCalled();
  });

  it("delivers every event once through stale success, stale unsubscribed and a recovered success", () => {
    const { client, socket, firstRef, leaveRef, secondRef, applied, onResync, subscribes } =
      followedAgainBeforeAnswer({ firstSince: since, since });

    // The first subscribe recovers, replays 3–4 and gets one live event before the unsubscribe.
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 4, true, firstRef));
    for (const offset of [3, 4, 5]) {
      socket.receive(serverFrames.streamOutput(session, offset));
    }
    socket.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    // The second subscribe recovers from the same position: the replay overlaps what arrived.
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 5, true, secondRef));
    for (const offset of [3, 4, 5, 6, 7]) {
      socket.receive(serverFrames.streamOutput(session, offset));
    }

    expect(applied).toEqual([3, 4, 5, 6, 7]);
    expect(onResync).not.toHaveBeenCalled();
    expect(subscribes()).toHaveLength(2);
    expect(client.getSubscription(session)?.position).toEqual({ epoch: "e1", offset: 7 });
  });

  it("neither reports nor applies the first subscribe's refusal", () => {
    const { client, socket, errors, firstRef, leaveRef, secondRef, applied } =
      followedAgainBeforeAnswer({});

    socket.receive(
      serverFrames.subscriptionError(session, "too_many_subscriptions", "at most 100", firstRef),
    );
    expect(client.getSubscription(session)?.state).toBe("subscribing");
    socket.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 0, false, secondRef));
    socket.receive(serverFrames.streamOutput(session, 1));

    expect(errors).toEqual([]);
    expect(client.getSubscription(session)?.state).toBe("subscribed");
    expect(applied).toEqual([1]);
    expect(client.metrics.snapshot().staleAnswers).toBe(2);
  });

  it("still subscribes again when the server resets the channel after the fresh success", () => {
    const { client, socket, firstRef, leaveRef, secondRef, onResync, subscribes } =
      followedAgainBeforeAnswer({});
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 0, false, firstRef));
    socket.receive(serverFrames.unsubscribed(session, "client", leaveRef));
    socket.receive(serverFrames.subscriptionSuccess(session, "e1", 0, false, secondRef));
    socket.receive(serverFrames.streamOutput(session, 1));

    socket.receive(serverFrames.unsubscribed(session, "reset"));

    expect(subscribes().at(-1)?.data).toEqual({
      channel: session,
      since: { epoch: "e1", offset: 1 },
    });
    expect(client.getSubscription(session)?.state).toBe("subscribing");
    socket.confirmSubscribe(session, "e2", 4, false);
    expect(onResync).toHaveBeenCalledExactlyOnceWith({ epoch: "e2", offset: 4 });
  });
});

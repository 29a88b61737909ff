import { describe, expect, it, vi } from "vitest";
import {
  type ChannelName,
  Channels,
  type Frame,
  type SessionEvent,
  SessionEventTypes,
  type SubscribeCommand,
  type SubscribeData,
  type SubscriptionSuccessData,
  type UnsubscribeCommand,
} from "@switchboard/contract";
import { type EventHandler, Subscription, SubscriptionStates } from "../src/subscription.js";

const session = Channels.session("42");

function streamOutput(offset: number, chunk = "hi"): Frame<SessionEvent> {
  return {
    channel: session,
    type: SessionEventTypes.STREAM_OUTPUT,
    data: { messageId: "m-1", seq: offset, chunk, stream: "stdout" },
    offset,
  };
}

function success(epoch: string, offset: number, recovered: boolean): SubscriptionSuccessData {
  return { channel: session, epoch, offset, recovered };
}

/**
 * A subscription on a ready connection whose `subscribe`/`unsubscribe` frames are recorded;
 * `transport.lastRef` is the ref the last one was sent with.
 */
function setup(channel: ChannelName = session, since?: { epoch: string; offset: number }) {
  const subscribes: SubscribeData[] = [];
  const unsubscribes: string[] = [];
  const transport = {
    ready: true,
    lastRef: "",
    isReady: () => transport.ready,
    send: (command: SubscribeCommand | UnsubscribeCommand) => {
      switch (command.type) {
        case "subscribe":
          subscribes.push(command.data);
          break;
        case "unsubscribe":
          unsubscribes.push(command.data.channel);
          break;
      }
      transport.lastRef = `r${subscribes.length + unsubscribes.length}`;
      return transport.lastRef;
    },
  };
  const logger = { error: vi.fn() };
  const subscription = new Subscription(channel, transport, logger, since);
  return { subscription, transport, logger, subscribes, unsubscribes };
}

describe("Subscription", () => {
  it("keeps the channel's handlers and its applied position in one place", () => {
    const { subscription, transport } = setup();
    const first: number[] = [];
    const second: number[] = [];
    subscription.addListener({ handler: (event) => first.push(event.offset!) });
    subscription.addListener({ handler: (event) => second.push(event.offset!) });
    subscription.join();
    subscription.confirm(success("e1", 0, false), transport.lastRef);

    subscription.deliver(streamOutput(1));
    subscription.deliver(streamOutput(2));

    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2]);
    expect(subscription.position).toEqual({ epoch: "e1", offset: 2 });
    expect(subscription.listenerCount).toBe(2);
  });

  it("drops an event whose offset it has already applied", () => {
    const { subscription, transport } = setup();
    const applied: number[] = [];
    subscription.addListener({ handler: (event) => applied.push(event.offset!) });
    subscription.join();
    subscription.confirm(success("e1", 0, false), transport.lastRef);

    for (const offset of [1, 2, 2, 1, 3]) {
      subscription.deliver(streamOutput(offset));
    }

    expect(applied).toEqual([1, 2, 3]);
  });

  it("moves from unsubscribed to subscribing to subscribed, and back when the connection drops", () => {
    const { subscription, transport, subscribes } = setup();
    transport.ready = false;
    subscription.join();
    expect(subscription.state).toBe(SubscriptionStates.UNSUBSCRIBED);
    expect(subscribes).toEqual([]);

    transport.ready = true;
    subscription.join();
    expect(subscription.isSubscribing()).toBe(true);
    subscription.confirm(success("e1", 0, false), transport.lastRef);
    expect(subscription.isSubscribed()).toBe(true);

    subscription.connectionLost();
    expect(subscription.state).toBe(SubscriptionStates.UNSUBSCRIBED);
  });

  it("resubscribes since its last applied event after the connection comes back", () => {
    const { subscription, transport, subscribes } = setup();
    subscription.addListener({ handler: vi.fn() });
    subscription.join();
    subscription.confirm(success("e1", 0, false), transport.lastRef);
    subscription.deliver(streamOutput(1));
    subscription.deliver(streamOutput(2));

    subscription.connectionLost();
    subscription.join();

    expect(subscribes).toEqual([
      { channel: session },
      { channel: session, since: { epoch: "e1", offset: 2 } },
    ]);
  });

  it("starts from the position it was given", () => {
    const { subscription, subscribes } = setup(session, { epoch: "e1", offset: 5 });
    subscription.join();
    expect(subscribes).toEqual([{ channel: session, since: { epoch: "e1", offset: 5 } }]);
  });

  it("keeps its offset when the server recovers and calls onResync only when it cannot", () => {
    const { subscription, transport } = setup(session, { epoch: "e1", offset: 5 });
    const onResync = vi.fn();
    subscription.addListener({ handler: vi.fn(), onResync });

    subscription.join();
    subscription.confirm(success("e1", 9, true), transport.lastRef);
    expect(subscription.position).toEqual({ epoch: "e1", offset: 5 });
    expect(onResync).not.toHaveBeenCalled();

    subscription.connectionLost();
    subscription.join();
    subscription.confirm(success("e2", 3, false), transport.lastRef);
    expect(subscription.position).toEqual({ epoch: "e2", offset: 3 });
    expect(onResync).toHaveBeenCalledExactlyOnceWith({ epoch: "e2", offset: 3 });
  });

  it("keeps calling the other handlers when one throws, and logs the failure", () => {
    const { subscription, transport, logger } = setup(session, { epoch: "e1", offset: 0 });
    const after = vi.fn();
    const resynced = vi.fn();
    subscription.addListener({
      handler: () => {
        throw new Error("broken handler");
      },
      onResync: () => {
        throw new Error("broken resync");
      },
    });
    subscription.addListener({ handler: after, onResync: resynced });

    subscription.deliver(streamOutput(1));
    subscription.join();
    subscription.confirm(success("e2", 4, false), transport.lastRef);

    expect(after).toHaveBeenCalledTimes(1);
    expect(resynced).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[0]?.[0]).toContain(
      'a handler of "session:42" threw on a "stream_output" event',
    );
    expect(logger.error.mock.calls[1]?.[0]).toContain(
      'a handler of "session:42" threw in onResync',
    );
  });

  it("lets a handler remove itself while an event is being delivered", () => {
    const { subscription } = setup();
    const second = vi.fn();
    const self = { handler: () => subscription.removeListener(self) };
    subscription.addListener(self);
    subscription.addListener({ handler: second });

    subscription.deliver(streamOutput(1));
    subscription.deliver(streamOutput(2));

    expect(second).toHaveBeenCalledTimes(2);
    expect(subscription.listenerCount).toBe(1);
  });

  it("says when its last listener left, and leaves the server only when joined", () => {
    const { subscription, unsubscribes } = setup();
    const first = { handler: vi.fn() };
    const second = { handler: vi.fn() };
    subscription.addListener(first);
    subscription.addListener(second);
    expect(subscription.removeListener(first)).toBe(false);
    expect(subscription.removeListener(first)).toBe(false);
    expect(subscription.removeListener(second)).toBe(true);

    subscription.leave();
    expect(unsubscribes).toEqual([]);

    subscription.join();
    subscription.leave();
    expect(unsubscribes).toEqual([session]);
    expect(subscription.state).toBe(SubscriptionStates.UNSUBSCRIBED);
  });

  it("subscribes again when the server ends a joined channel, but not while subscribing", () => {
    const { subscription, transport, subscribes } = setup();
    subscription.join();
    expect(subscription.ended(undefined)).toBe(false); // a reset of the server's earlier subscription
    expect(subscribes).toHaveLength(1);

    subscription.confirm(success("e1", 7, false), transport.lastRef);
    expect(subscription.ended(undefined)).toBe(true); // the server reset the channel's stream
    expect(subscribes).toEqual([
      { channel: session },
      { channel: session, since: { epoch: "e1", offset: 7 } },
    ]);
    expect(subscription.isSubscribing()).toBe(true);
  });

  it("is not ended by the answer to an earlier subscription's unsubscribe", () => {
    const { subscription, transport, subscribes } = setup();
    subscription.join();
    subscription.confirm(success("e1", 7, false), transport.lastRef);

    expect(subscription.ended("r0")).toBe(false);
    expect(subscription.isSubscribed()).toBe(true);
    expect(subscribes).toHaveLength(1);
  });

  it("takes only the answer carrying the ref of its latest subscribe, once", () => {
    const { subscription, transport } = setup(session, { epoch: "e1", offset: 5 });
    const onResync = vi.fn();
    subscription.addListener({ handler: vi.fn(), onResync });
    subscription.join();
    const ref = transport.lastRef;

    expect(subscription.confirm(success("e1", 9, false), "r0")).toBe(false);
    expect(subscription.confirm(success("e1", 9, false), undefined)).toBe(false);
    expect(subscription.refused("r0")).toBe(false);
    expect(subscription.isSubscribing()).toBe(true);
    expect(onResync).not.toHaveBeenCalled();

    expect(subscription.confirm(success("e1", 9, true), ref)).toBe(true);
    expect(subscription.confirm(success("e1", 9, false), ref)).toBe(false);
    expect(subscription.position).toEqual({ epoch: "e1", offset: 5 });
    expect(onResync).not.toHaveBeenCalled();
  });

  it("takes no answer to a subscribe sent on a connection that dropped", () => {
    const { subscription, transport } = setup();
    subscription.join();
    const lost = transport.lastRef;
    subscription.connectionLost();
    subscription.join();

    expect(subscription.confirm(success("e1", 0, false), lost)).toBe(false);
    expect(subscription.confirm(success("e1", 0, false), transport.lastRef)).toBe(true);
  });

  it("is unsubscribed after the server refuses it, and keeps its listeners", () => {
    const { subscription, transport } = setup();
    subscription.addListener({ handler: vi.fn() });
    subscription.join();
    expect(subscription.refused(transport.lastRef)).toBe(true);
    expect(subscription.state).toBe(SubscriptionStates.UNSUBSCRIBED);
    expect(subscription.listenerCount).toBe(1);
  });

  it("joins global with the connection and never sends a subscribe for it", () => {
    const { subscription, subscribes, unsubscribes } = setup(Channels.global());
    const handler: EventHandler = vi.fn();
    subscription.addListener({ handler });
    subscription.join();
    subscription.leave();
    subscription.join();

    expect(subscription.isSubscribed()).toBe(true);
    expect(subscribes).toEqual([]);
    expect(unsubscribes).toEqual([]);
  });
});

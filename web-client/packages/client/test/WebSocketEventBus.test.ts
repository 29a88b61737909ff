import { describe, expect, it, vi } from "vitest";
import {
  Channels,
  type Frame,
  type GlobalEvent,
  type SessionEvent,
  SessionEventTypes,
} from "@switchboard/contract";
import { WebSocketEventBus } from "../src/WebSocketEventBus.js";

const session = Channels.session("42");

function streamOutput(chunk: string, offset = 1): Frame<SessionEvent> {
  return {
    channel: session,
    type: SessionEventTypes.STREAM_OUTPUT,
    data: { messageId: "m-1", seq: 0, chunk, stream: "stdout" },
    offset,
  };
}

function quietLogger() {
  return { error: vi.fn() };
}

describe("WebSocketEventBus", () => {
  it("delivers an event to every handler of its channel", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const first = vi.fn();
    const second = vi.fn();
    bus.on<SessionEvent>(session, first);
    bus.on<SessionEvent>(session, second);

    const event = streamOutput("hello");
    bus.emit(session, event);

    expect(first).toHaveBeenCalledWith(event);
    expect(second).toHaveBeenCalledWith(event);
  });

  it("does not deliver an event to handlers of another channel", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const other = vi.fn();
    bus.on<SessionEvent>(Channels.session("7"), other);

    bus.emit(session, streamOutput("hello"));

    expect(other).not.toHaveBeenCalled();
  });

  it("types the event by the family given to on()", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const chunks: string[] = [];
    bus.on<SessionEvent>(session, (event) => {
      switch (event.type) {
        case "stream_output":
          chunks.push(event.data.chunk);
          break;
        case "message_created":
        case "message_complete":
        case "error":
          break;
        default: {
          const _exhaustive: never = event;
          return _exhaustive;
        }
      }
    });

    bus.emit(session, streamOutput("typed"));

    expect(chunks).toEqual(["typed"]);
  });

  it("keeps calling the other handlers when one throws, and logs the failure", () => {
    const logger = quietLogger();
    const bus = new WebSocketEventBus(logger);
    const after = vi.fn();
    bus.on<SessionEvent>(session, () => {
      throw new Error("broken handler");
    });
    bus.on<SessionEvent>(session, after);

    bus.emit(session, streamOutput("hello"));

    expect(after).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toContain('a handler of "session:42" threw');
  });

  it("stops calling a handler after off() or the function on() returned", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const viaOff = vi.fn();
    const viaUnsubscribe = vi.fn();
    bus.on<SessionEvent>(session, viaOff);
    const unsubscribe = bus.on<SessionEvent>(session, viaUnsubscribe);

    bus.off<SessionEvent>(session, viaOff);
    unsubscribe();
    bus.emit(session, streamOutput("hello"));

    expect(viaOff).not.toHaveBeenCalled();
    expect(viaUnsubscribe).not.toHaveBeenCalled();
  });

  it("lists only channels that still have a handler", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const unsubscribeSession = bus.on<SessionEvent>(session, vi.fn());
    bus.on<GlobalEvent>(Channels.global(), vi.fn());
    expect(bus.getActiveChannels()).toEqual([session, "global"]);

    unsubscribeSession();

    expect(bus.getActiveChannels()).toEqual(["global"]);
    expect(bus.handlerCount(session)).toBe(0);
  });

  it("lets a handler unsubscribe itself while the event is being delivered", () => {
    const bus = new WebSocketEventBus(quietLogger());
    const second = vi.fn();
    const unsubscribe = bus.on<SessionEvent>(session, () => unsubscribe());
    bus.on<SessionEvent>(session, second);

    bus.emit(session, streamOutput("hello"));
    bus.emit(session, streamOutput("again", 2));

    expect(second).toHaveBeenCalledTimes(2);
    expect(bus.handlerCount(session)).toBe(1);
  });

  it("forgets every channel on clear()", () => {
    const bus = new WebSocketEventBus(quietLogger());
    bus.on<SessionEvent>(session, vi.fn());
    bus.clear();
    expect(bus.getActiveChannels()).toEqual([]);
  });
});

// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it, vi } from "vitest";
import { WebSocketClient } from "@switchboard/client";
import { GlobalCommandTypes } from "@switchboard/contract";
import { FakeSocketFactory, serverFrames } from "../../../test-support/fakeWebSocket";
import { useWebSocket, useWebSocketActions } from "./webSocketContext";
import { WebSocketProvider } from "./WebSocketProvider";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

describe("the WebSocket contexts", () => {
  it("re-render only status readers when the status changes, never action users", () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    const factory = new FakeSocketFactory();
    const client = new WebSocketClient({
      url: "ws://test/ws",
      createSocket: factory.create,
      logger: { warn: vi.fn(), error: vi.fn() },
    });
    let actionRenders = 0;
    let statusRenders = 0;
    function ActionUser() {
      useWebSocketActions();
      actionRenders += 1;
      return null;
    }
    function StatusReader() {
      useWebSocket();
      statusRenders += 1;
      return null;
    }
    const container = document.createElement("div");
    const root = createRoot(container);
    act(() =>
      root.render(
        <WebSocketProvider createClient={() => client}>
          <ActionUser />
          <StatusReader />
        </WebSocketProvider>,
      ),
    );
    act(() => factory.last.open());
    const actionsBefore = actionRenders;
    const statusBefore = statusRenders;

    const ping = factory.last.sentFrames().find((frame) => frame.type === GlobalCommandTypes.PING)!;
    act(() =>
      factory.last.receive(
        serverFrames.pong(ping.ref, (ping.data as { timestamp: number }).timestamp),
      ),
    );

    expect(client.getSnapshot().averageLatencyMs).not.toBeNull();
    expect(statusRenders).toBeGreaterThan(statusBefore);
    expect(actionRenders).toBe(actionsBefore);
    act(() => root.unmount());
  });
});

// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeSocketFactory } from "../../../test-support/fakeWebSocket";
import { WebSocketClient } from "@switchboard/client";
import { WebSocketProvider } from "../providers/WebSocketProvider";
import { ConnectionStatusBanner } from "./ConnectionStatusBanner";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let container: HTMLDivElement;
let root: Root;
let factory: FakeSocketFactory;
let client: WebSocketClient;

function render() {
  act(() => {
    root.render(
      <WebSocketProvider createClient={() => client}>
        <ConnectionStatusBanner />
      </WebSocketProvider>,
    );
  });
}

function text() {
  return container.querySelector('[role="status"]')?.textContent ?? "";
}

beforeEach(() => {
  vi.useFakeTimers();
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  factory = new FakeSocketFactory();
  client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 },
    logger: { warn: vi.fn(), error: vi.fn() },
  });
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

describe("ConnectionStatusBanner", () => {
  it("connects on mount and shows the state as it changes", () => {
    render();
    expect(factory.sockets).toHaveLength(1);
    expect(text()).toContain("Connecting…");

    act(() => factory.last.open());
    expect(text()).toContain("Connected");

    act(() => factory.last.serverClose(1006));
    expect(text()).toContain("Reconnecting… (1/5)");
  });

  it("reconnects at once when Reconnect is pressed", () => {
    render();
    act(() => factory.last.serverClose(1006));

    act(() => container.querySelector("button")?.click());

    expect(factory.sockets).toHaveLength(2);
    expect(text()).toContain("Connecting…");
  });

  it("closes the connection when unmounted", () => {
    render();
    const socket = factory.last;
    act(() => socket.open());
    act(() => root.unmount());
    root = createRoot(container);

    expect(socket.closedByClient).toBe(1000);
    expect(client.isDisconnected()).toBe(true);
  });
});

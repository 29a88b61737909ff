// @vitest-environment jsdom
import { act, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { toast } from "sonner";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "@switchboard/contract";
import { FakeSocketFactory } from "../../../test-support/fakeWebSocket";
import { WebSocketClient } from "@switchboard/client";
import { type WebSocketApi, useWebSocket } from "./webSocketContext";
import { WebSocketProvider } from "./WebSocketProvider";

vi.mock("sonner", () => ({ toast: { error: vi.fn(), dismiss: vi.fn() } }));

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let root: Root;
let factory: FakeSocketFactory;
let client: WebSocketClient;
let api: WebSocketApi | null;

/** Hands the hook's value to the test after each render (assigning during render is impure). */
function Probe({ onApi }: { onApi: (value: WebSocketApi) => void }) {
  const value = useWebSocket();
  useEffect(() => onApi(value));
  return null;
}

function capture(value: WebSocketApi) {
  api = value;
}

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  vi.mocked(toast.error).mockClear();
  vi.mocked(toast.dismiss).mockClear();
  root = createRoot(document.createElement("div"));
  factory = new FakeSocketFactory();
  client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  api = null;
  act(() => {
    root.render(
      <WebSocketProvider createClient={() => client}>
        <Probe onApi={capture} />
      </WebSocketProvider>,
    );
  });
});

afterEach(() => {
  act(() => root.unmount());
});

describe("WebSocketProvider", () => {
  it("gives useWebSocket() the state, the attempt budget and the actions", () => {
    act(() => factory.last.open());
    expect(api).toMatchObject({
      state: "open",
      attempt: 0,
      maxAttempts: 5,
      averageLatencyMs: null,
    });
    expect(api?.metrics).toBe(client.metrics);

    act(() => api?.disconnect());
    expect(api?.state).toBe("disconnected");
  });

  it("toasts a connection that is down for good, with a Retry action that reconnects", () => {
    act(() => factory.last.open());
    act(() => factory.last.serverClose(CloseCode.UNAUTHORIZED, "token revoked"));

    expect(toast.error).toHaveBeenCalledOnce();
    const [title, options] = vi.mocked(toast.error).mock.calls[0] ?? [];
    expect(title).toBe("Connection lost");
    const action = options?.action as { label: string; onClick: () => void };
    expect(action.label).toBe("Retry");

    act(() => action.onClick());
    expect(factory.sockets).toHaveLength(2);
  });

  it("toasts a dropped connection once with Retry, and dismisses it when it is back", () => {
    vi.useFakeTimers();
    act(() => factory.last.open());
    act(() => factory.last.serverClose(1006, ""));

    expect(toast.error).toHaveBeenCalledOnce();
    const [title, options] = vi.mocked(toast.error).mock.calls[0] ?? [];
    expect(title).toBe("Connection lost");
    expect(options?.id).toBe("websocket-connection");
    expect(options?.duration).toBe(Infinity);
    expect(options?.description).toContain("Reconnecting automatically");
    const action = options?.action as { label: string; onClick: () => void };
    expect(action.label).toBe("Retry");

    // Retry reconnects at once; the attempt fails quietly, then the next one opens.
    act(() => action.onClick());
    expect(factory.sockets).toHaveLength(2);
    act(() => factory.last.serverClose(1006, ""));
    expect(toast.error).toHaveBeenCalledOnce();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    act(() => factory.last.open());
    expect(toast.dismiss).toHaveBeenCalledWith("websocket-connection");
    vi.useRealTimers();
  });

  it("toasts a refused subscription without Retry", () => {
    client.subscribe("session:1", vi.fn());
    act(() => factory.last.open());
    act(() =>
      factory.last.receive({
        channel: "global",
        type: "subscription_error",
        data: { channel: "session:1", code: "forbidden", reason: "no access" },
        ref: factory.last.lastRef("subscribe", "session:1"),
      }),
    );

    const [title, options] = vi.mocked(toast.error).mock.calls[0] ?? [];
    expect(title).toBe("Could not follow session:1");
    expect(options?.action).toBeUndefined();
    expect(options?.duration).toBeUndefined();
  });

  it("throws a helpful error when useWebSocket() is used outside the provider", () => {
    const outside = createRoot(document.createElement("div"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => act(() => outside.render(<Probe onApi={capture} />))).toThrow(
      "outside <WebSocketProvider>",
    );
  });
});

/**
 * Renders a hook inside a WebSocketProvider whose client talks to a fake socket, for hook tests
 * in jsdom. `result.current` is the hook's latest value; `socket` plays the server.
 */
import { act, type ReactNode, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { vi } from "vitest";
import { WebSocketClient } from "@switchboard/client";
import { WebSocketProvider } from "@/client/providers/WebSocketProvider";
import { FakeSocketFactory, serverFrames } from "./fakeWebSocket";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

export interface HookHarness<T> {
  result: { current: T };
  factory: FakeSocketFactory;
  client: WebSocketClient;
  /** Frames the client sent on the current socket, parsed. */
  sent: () => Record<string, unknown>[];
  /** Delivers a server frame inside act(). */
  receive: (frame: object) => void;
  /** Runs `body` inside act(), as a click would. */
  act: (body: () => void) => void;
  unmount: () => void;
}

export interface RenderOptions {
  /** Where to render (to query the DOM); a detached element by default. */
  container?: HTMLElement;
  /** Wraps the probe inside the provider, e.g. in a router with the page under test. */
  wrap?: (children: ReactNode) => ReactNode;
}

/** Renders `useHook` in a provider with an open, `connected` fake socket. */
export function renderHookWithSocket<T>(
  useHook: () => T,
  { container = document.createElement("div"), wrap = (children) => children }: RenderOptions = {},
): HookHarness<T> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const factory = new FakeSocketFactory();
  const client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    backoff: { random: () => 0.5 },
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  const result = { current: undefined as T };
  const root: Root = createRoot(container);

  function Probe() {
    const value = useHook();
    useEffect(() => {
      result.current = value;
    });
    return null;
  }
  const tree = (): ReactNode => (
    <WebSocketProvider createClient={() => client}>{wrap(<Probe />)}</WebSocketProvider>
  );
  act(() => root.render(tree()));
  act(() => {
    factory.last.open({ connected: false });
    factory.last.receive(serverFrames.connected());
  });

  return {
    result,
    factory,
    client,
    sent: () => factory.last.sentFrames(),
    receive: (frame) => act(() => factory.last.receive(frame)),
    act: (body) => act(body),
    unmount: () => act(() => root.unmount()),
  };
}

/** Lets pending promises (a fake REST call) settle inside act(). */
export async function flush(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
    await Promise.resolve();
  });
}

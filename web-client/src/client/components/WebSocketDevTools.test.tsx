// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocketClient } from "@switchboard/client";
import { CONTRACT } from "@switchboard/contract";
import { FakeSocketFactory, serverFrames } from "../../../test-support/fakeWebSocket";
import { WebSocketProvider } from "../providers/WebSocketProvider";
import WebSocketDevTools from "./WebSocketDevTools";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let container: HTMLDivElement;
let root: Root;
let factory: FakeSocketFactory;
let client: WebSocketClient;

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  factory = new FakeSocketFactory();
  client = new WebSocketClient({
    url: "ws://test/ws",
    createSocket: factory.create,
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  act(() => {
    root.render(
      <WebSocketProvider createClient={() => client}>
        <WebSocketDevTools />
      </WebSocketProvider>,
    );
  });
  act(() => container.querySelector<HTMLButtonElement>(".devtools-toggle")?.click());
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);

describe("WebSocketDevTools", () => {
  it("shows both contracts and the verdict", () => {
    act(() => factory.last.open());
    expect(byTestId("devtools-contract")?.textContent).toBe(
      `Contract: this page ${CONTRACT.version} (${CONTRACT.hash}) · server ${CONTRACT.version} (${CONTRACT.hash}) · identical`,
    );
  });

  it("lists each subscription with its state and the position applied", () => {
    client.subscribe("session:s1", vi.fn());
    act(() => factory.last.open());
    act(() => {
      factory.last.confirmSubscribe("session:s1", "e1", 0, false);
      factory.last.receive(serverFrames.streamOutput("session:s1", 1));
    });

    expect(byTestId("devtools-subscriptions")?.textContent).toBe("session:s1 subscribed · e1:1");
  });

  it("counts the stale answers of a channel left and followed again before the server answered", () => {
    const leave = client.subscribe("session:s1", vi.fn());
    act(() => factory.last.open());
    const staleRef = factory.last.lastRef("subscribe", "session:s1");
    leave();
    client.subscribe("session:s1", vi.fn());
    act(() => {
      factory.last.receive(
        serverFrames.subscriptionSuccess("session:s1", "e1", 0, false, staleRef),
      );
      factory.last.confirmSubscribe("session:s1", "e1", 0, false);
    });

    const staleAnswers = [...(byTestId("devtools-metrics")?.querySelectorAll("div") ?? [])].find(
      (entry) => entry.querySelector("dt")?.textContent === "Stale answers",
    );
    expect(staleAnswers?.querySelector("dd")?.textContent).toBe("1");
    expect(byTestId("devtools-subscriptions")?.textContent).toBe("session:s1 subscribed · e1:0");
  });

  it("lists the frames the contract refused, with what was wrong, and none of them reaches a handler", () => {
    const handler = vi.fn();
    client.subscribe("session:s1", handler);
    act(() => factory.last.open());
    const output = serverFrames.streamOutput("session:s1", 1);
    act(() => {
      factory.last.receive({ ...output, data: { ...output.data, seq: "one" } }); // wrong type
      factory.last.receive({ ...output, type: "stream_outputs" }); // unknown type
      factory.last.receive({ ...output, channel: "project:p1" }); // wrong channel family
    });

    expect(handler).not.toHaveBeenCalled();
    expect(byTestId("devtools-rejected")?.previousSibling?.textContent).toBe("Rejected frames (3)");
    const problems = [...(byTestId("devtools-rejected")?.querySelectorAll("summary") ?? [])].map(
      (summary) => summary.textContent,
    );
    expect(problems).toEqual([
      '"stream_output" on "session:s1" is not a valid SessionEvent: data.seq must be integer',
      '"stream_outputs" on "session:s1" is not a valid SessionEvent: "type" is not one of its types',
      '"stream_output" on "project:p1" is not a valid ProjectEvent: "type" is not one of its types',
    ]);
  });
});

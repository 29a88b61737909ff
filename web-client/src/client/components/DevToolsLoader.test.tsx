// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DevToolsBoundary, loadWithRetry } from "./DevToolsLoader";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("loadWithRetry", () => {
  it("retries a failed load with doubling delays until it succeeds", async () => {
    vi.useFakeTimers();
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error("connection refused"))
      .mockRejectedValueOnce(new Error("connection refused"))
      .mockResolvedValue("module");

    const result = loadWithRetry(load, 5, 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);

    await expect(result).resolves.toBe("module");
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("gives up after the last attempt with the last error", async () => {
    vi.useFakeTimers();
    const load = vi.fn<() => Promise<string>>().mockRejectedValue(new Error("gone"));

    const result = loadWithRetry(load, 3, 10);
    const settled = expect(result).rejects.toThrow("gone");
    await vi.advanceTimersByTimeAsync(100);

    await settled;
    expect(load).toHaveBeenCalledTimes(3);
  });
});

describe("DevToolsBoundary", () => {
  it("renders nothing instead of the failed dev tools and leaves the page alone", () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const container = document.createElement("div");
    const root = createRoot(container);
    function Broken(): never {
      throw new Error("Failed to fetch dynamically imported module");
    }

    act(() => {
      root.render(
        <main>
          <p>page</p>
          <DevToolsBoundary>
            <Broken />
          </DevToolsBoundary>
        </main>,
      );
    });

    expect(container.innerHTML).toBe("<main><p>page</p></main>");
    expect(warn).toHaveBeenCalledOnce();
    act(() => root.unmount());
  });
});

import { describe, expect, it, vi } from "vitest";
import { SnapshotStore } from "../src/snapshotStore.js";

describe("SnapshotStore", () => {
  it("keeps the same object and stays quiet when nothing changed", () => {
    const store = new SnapshotStore({ state: "open", attempt: 0 });
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.get();

    store.set({ state: "open", attempt: 0 });

    expect(store.get()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
  });

  it("replaces the object and notifies when a field changed", () => {
    const store = new SnapshotStore({ state: "open", attempt: 0 });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    store.set({ state: "reconnecting", attempt: 1 });
    unsubscribe();
    store.set({ state: "reconnecting", attempt: 2 });

    expect(store.get()).toEqual({ state: "reconnecting", attempt: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

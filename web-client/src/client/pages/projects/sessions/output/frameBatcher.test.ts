import { describe, expect, it, vi } from "vitest";
import { FrameBatcher } from "./frameBatcher";

function manualFrames() {
  const frames: (() => void)[] = [];
  return {
    frames,
    batcher: new FrameBatcher((callback) => frames.push(callback)),
    paint: () => frames.shift()!(),
  };
}

describe("FrameBatcher", () => {
  it("asks for one frame and runs each scheduled task once in it", () => {
    const { frames, batcher, paint } = manualFrames();
    const render = vi.fn();
    const other = vi.fn();
    for (let i = 0; i < 1000; i += 1) {
      batcher.schedule(render);
    }
    batcher.schedule(other);

    expect(frames).toHaveLength(1);
    expect(batcher.pending).toBe(true);
    paint();
    expect(render).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
    expect(batcher.pending).toBe(false);
  });

  it("asks for a new frame for work scheduled after a paint", () => {
    const { frames, batcher, paint } = manualFrames();
    const render = vi.fn();
    batcher.schedule(render);
    paint();
    batcher.schedule(render);
    expect(frames).toHaveLength(1);
    paint();
    expect(render).toHaveBeenCalledTimes(2);
  });

  it("runs the other tasks when one throws", () => {
    const { batcher, paint } = manualFrames();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const after = vi.fn();
    batcher.schedule(() => {
      throw new Error("broken view");
    });
    batcher.schedule(after);
    paint();
    expect(after).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it("falls back to a 16 ms timer where there is no requestAnimationFrame", () => {
    vi.useFakeTimers();
    try {
      const batcher = new FrameBatcher();
      const render = vi.fn();
      batcher.schedule(render);
      vi.advanceTimersByTime(15);
      expect(render).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(render).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

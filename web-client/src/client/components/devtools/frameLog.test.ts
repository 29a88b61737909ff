import { describe, expect, it, vi } from "vitest";
import type { FrameRecord } from "@switchboard/client";
import { channelsOf, filterFrames, FrameLog } from "./frameLog";
import { sparklinePoints } from "./sparkline";

function frame(n: number, channel: string | null = "global"): FrameRecord {
  return { direction: n % 2 === 0 ? "out" : "in", at: n, channel, type: "ping", text: `${n}` };
}

describe("FrameLog", () => {
  it("keeps the last 50 frames and notifies on every change", () => {
    const log = new FrameLog();
    const listener = vi.fn();
    log.subscribe(listener);
    for (let n = 1; n <= 60; n += 1) {
      log.add(frame(n));
    }
    expect(log.snapshot()).toHaveLength(50);
    expect(log.snapshot()[0]?.at).toBe(11);
    expect(listener).toHaveBeenCalledTimes(60);

    log.clear();
    expect(log.snapshot()).toEqual([]);
  });

  it("starts from the frames the client kept before the dev tools loaded", () => {
    const log = new FrameLog([frame(1), frame(2)], 50);
    log.add(frame(3));
    expect(log.snapshot().map((f) => f.at)).toEqual([1, 2, 3]);
  });

  it("filters by channel, newest first, and lists the channels seen", () => {
    const frames = [frame(1), frame(2, "session:a"), frame(3, null), frame(4, "session:a")];
    expect(filterFrames(frames, "session:a").map((f) => f.at)).toEqual([4, 2]);
    expect(filterFrames(frames, null).map((f) => f.at)).toEqual([4, 3, 2, 1]);
    expect(channelsOf(frames)).toEqual(["global", "session:a"]);
  });
});

describe("sparklinePoints", () => {
  it("scales the samples into the box, the highest touching the top", () => {
    expect(sparklinePoints([10, 20, 0], 100, 20)).toBe("0,10 50,0 100,20");
  });

  it("keeps the line inside a margin", () => {
    expect(sparklinePoints([0, 10], 100, 20, 4)).toBe("0,16 100,4");
  });

  it("draws nothing without samples and a level line for one", () => {
    expect(sparklinePoints([], 100, 20)).toBe("");
    expect(sparklinePoints([5], 100, 20)).toBe("0,0 100,0");
  });
});

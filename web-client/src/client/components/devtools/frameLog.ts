/**
 * FrameLog keeps the last frames of a connection for the dev tools: a bounded buffer (oldest
 * dropped) with an immutable snapshot for `useSyncExternalStore`.
 */
import type { FrameRecord } from "@switchboard/client";

/** How many frames the dev tools keep. */
export const FRAME_LOG_SIZE = 50;

export class FrameLog {
  private frames: readonly FrameRecord[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly capacity: number;

  constructor(initial: readonly FrameRecord[] = [], capacity = FRAME_LOG_SIZE) {
    this.capacity = capacity;
    this.frames = initial.slice(-capacity);
  }

  add = (frame: FrameRecord): void => {
    this.frames = [...this.frames.slice(-(this.capacity - 1)), frame];
    this.changed();
  };

  clear = (): void => {
    this.frames = [];
    this.changed();
  };

  /** The kept frames, oldest first; the same array until something changes. */
  snapshot = (): readonly FrameRecord[] => this.frames;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

/** The frames of `channel` (all of them for `null`), newest first. */
export function filterFrames(
  frames: readonly FrameRecord[],
  channel: string | null,
): FrameRecord[] {
  return frames.filter((frame) => channel === null || frame.channel === channel).reverse();
}

/** The channels that appear in `frames`, sorted, for the filter. */
export function channelsOf(frames: readonly FrameRecord[]): string[] {
  const channels = new Set<string>();
  for (const frame of frames) {
    if (frame.channel !== null) {
      channels.add(frame.channel);
    }
  }
  return [...channels].sort();
}

/**
 * FrameBatcher runs the work that shows new data at most once per animation frame, however many
 * WebSocket frames arrived in between. A flood of `stream_output` frames then costs, per frame
 * received, only appending the chunk to its reply's line store; the render that shows them
 * happens once per frame painted. Between two paints the browser runs every queued task in
 * order, so a `pong` queued behind a thousand chunks is handled within milliseconds, not after a
 * render of everything (which starved the heartbeat before: issue 20).
 */

/** Schedules a callback before the next paint; `requestAnimationFrame` in a browser. */
export type RequestFrame = (callback: () => void) => void;

/** The browser's animation frame, or a 16 ms timer where there is none (Node, some test DOMs). */
export const defaultRequestFrame: RequestFrame = (callback) => {
  if (typeof requestAnimationFrame === "function") {
    requestAnimationFrame(() => callback());
  } else {
    setTimeout(callback, FALLBACK_FRAME_MS);
  }
};

/** The frame length assumed where there is no `requestAnimationFrame`. */
export const FALLBACK_FRAME_MS = 16;

export class FrameBatcher {
  private readonly requestFrame: RequestFrame;
  private readonly due = new Set<() => void>();
  private requested = false;

  constructor(requestFrame: RequestFrame = defaultRequestFrame) {
    this.requestFrame = requestFrame;
  }

  /**
   * Runs `task` once in the next animation frame; scheduling the same function again before then
   * changes nothing, so a store passes one stable function however often it changes.
   */
  schedule(task: () => void): void {
    this.due.add(task);
    if (!this.requested) {
      this.requested = true;
      this.requestFrame(() => this.flush());
    }
  }

  /** Whether work waits for the next frame. */
  get pending(): boolean {
    return this.due.size > 0;
  }

  /** Runs what is due now (the frame callback; tests call it to stand in for a paint). */
  flush(): void {
    this.requested = false;
    const tasks = [...this.due];
    this.due.clear();
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        // One broken view must not keep the others from showing their output.
        console.error("FrameBatcher: a scheduled render failed; the others still ran.", error);
      }
    }
  }
}

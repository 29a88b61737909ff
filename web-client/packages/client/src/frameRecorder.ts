/**
 * FrameRecorder keeps what the dev tools show of a connection's traffic: the last frames sent or
 * received, the last frames from the server the contract refused (with why), and the taps that
 * see every frame as it passes. It holds the frames' text, which exists anyway.
 */
import { BoundedList } from "./boundedList.js";
import type { FrameRecord, RejectedFrame } from "./webSocketClientOptions.js";

/** How many frames {@link FrameRecorder} keeps in each list. */
export const RECENT_FRAMES = 50;

/** How much of a rejected frame's text is kept. */
const REJECTED_TEXT_CHARS = 2_000;

export class FrameRecorder {
  private readonly taps = new Set<(frame: FrameRecord) => void>();
  private readonly recent = new BoundedList<FrameRecord>(RECENT_FRAMES);
  private readonly rejected = new BoundedList<RejectedFrame>(RECENT_FRAMES);
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Calls `tap` with every frame recorded from now on; returns the function that stops it. */
  tap(tap: (frame: FrameRecord) => void): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  /** Records a frame sent (`out`) or received (`in`); `frame` is `null` when it did not parse. */
  record(
    direction: FrameRecord["direction"],
    text: string,
    frame: { channel: string; type: string } | null,
  ): void {
    const record: FrameRecord = {
      direction,
      at: this.now(),
      channel: frame?.channel ?? null,
      type: frame?.type ?? null,
      text,
    };
    this.recent.add(record);
    [...this.taps].forEach((tap) => tap(record));
  }

  /** Records a frame from the server that the contract refused, and why. */
  reject(text: string, problem: string): void {
    this.rejected.add({ at: this.now(), text: text.slice(0, REJECTED_TEXT_CHARS), problem });
  }

  /** The last frames sent or received, oldest first. */
  recentFrames(): readonly FrameRecord[] {
    return this.recent.toArray();
  }

  /** The last frames the contract refused, oldest first. */
  rejectedFrames(): readonly RejectedFrame[] {
    return this.rejected.toArray();
  }
}

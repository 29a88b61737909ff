/**
 * ReplyLines is the output of one agent reply as lines, kept for the page: chunks are appended
 * in O(chunk) (split at newlines; nothing printed before is copied again), at most `maxLines`
 * complete lines are kept (the oldest leave first, counted in `dropped`), and views read it
 * through `useSyncExternalStore`, told of changes at most once per animation frame by a
 * {@link FrameBatcher}.
 *
 * Lines are addressed by their absolute number in the reply (0 = the first line ever printed),
 * so a view keeps its place while the oldest lines leave.
 */
import type { OutputStreamName } from "@switchboard/contract";
import type { FrameBatcher } from "./frameBatcher";

/** Lines a reply keeps by default when the server's `switchboard.ui.reply-lines` is unknown. */
export const DEFAULT_REPLY_LINES = 100_000;

/**
 * A line longer than this continues on the next row: a reply that prints megabytes without a
 * newline stays O(chunk) per append and one row never holds more than the DOM renders quickly.
 */
export const MAX_LINE_CHARS = 16_384;

/** One line as a view shows it. */
export interface OutputLine {
  text: string;
  stream: OutputStreamName;
}

/** What a view renders, fixed between two notifications. */
export interface ReplyLinesSnapshot {
  /** Absolute number of the first line kept (equals how many were dropped). */
  readonly first: number;
  /** Absolute number one past the last line (a partial last line counts). */
  readonly end: number;
  /** Characters received in all, dropped lines included. */
  readonly totalChars: number;
}

const EMPTY: ReplyLinesSnapshot = { first: 0, end: 0, totalChars: 0 };

export class ReplyLines {
  readonly maxLines: number;
  private readonly batcher: FrameBatcher | null;
  // A ring of the complete lines kept: `texts[(head + i) % capacity]` is line `dropped + i`.
  private readonly texts: string[] = [];
  private readonly streams: OutputStreamName[] = [];
  private head = 0;
  private kept = 0;
  private dropped = 0;
  // The last line while no newline has ended it, in pieces (joined once, when it ends).
  private partial: string[] = [];
  private partialChars = 0;
  private partialStream: OutputStreamName | null = null;
  private chars = 0;
  private seq = 0;
  private readonly listeners = new Set<() => void>();
  private current: ReplyLinesSnapshot = EMPTY;
  private readonly publish = () => this.notify();

  /**
   * @param maxLines complete lines kept; the oldest leave past it (at least 1)
   * @param batcher tells views of changes once per frame; null tells them at once (tests, SSR)
   */
  constructor(maxLines: number = DEFAULT_REPLY_LINES, batcher: FrameBatcher | null = null) {
    if (!Number.isInteger(maxLines) || maxLines < 1) {
      throw new RangeError(`maxLines must be a whole number of at least 1, got ${maxLines}`);
    }
    this.maxLines = maxLines;
    this.batcher = batcher;
  }

  /** The `seq` the next streamed chunk must have. */
  get nextSeq(): number {
    return this.seq;
  }

  /** Starts counting chunks at `seq` (a reply first seen in the middle of its stream). */
  startAt(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  /**
   * Appends streamed chunk `seq` once: false (nothing changes) for a chunk below `nextSeq`, a
   * repeat from a replay.
   */
  appendChunk(seq: number, chunk: string, stream: OutputStreamName): boolean {
    if (seq < this.seq) {
      return false;
    }
    this.seq = seq + 1;
    this.append(chunk, stream);
    return true;
  }

  /** Appends text (stored output from a snapshot, or a chunk) in O(text). */
  append(text: string, stream: OutputStreamName): void {
    if (text === "") {
      return;
    }
    this.chars += text.length;
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      this.addToPartial(text, start, end, stream);
      if (newline < 0) {
        break;
      }
      this.endLine(stream);
      start = newline + 1;
    }
    this.changed();
  }

  /** The snapshot views render; a new object only after a notification. */
  getSnapshot = (): ReplyLinesSnapshot => this.current;

  /** For `useSyncExternalStore`: `listener` runs (at most once per frame) after changes. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Line `index` (absolute), or null when it was dropped or does not exist yet. */
  line(index: number): OutputLine | null {
    const offset = index - this.dropped;
    if (offset < 0) {
      return null;
    }
    if (offset < this.kept) {
      const slot = (this.head + offset) % this.maxLines;
      return { text: this.texts[slot]!, stream: this.streams[slot]! };
    }
    if (offset === this.kept && this.partialStream !== null) {
      return { text: this.joinPartial(), stream: this.partialStream };
    }
    return null;
  }

  /** The text of every line kept, newline-separated as printed (for tests and copying). */
  text(): string {
    const lines: string[] = [];
    for (let offset = 0; offset < this.kept; offset += 1) {
      lines.push(this.texts[(this.head + offset) % this.maxLines]!);
    }
    const whole = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
    return this.partialStream === null ? whole : whole + this.joinPartial();
  }

  private addToPartial(text: string, start: number, end: number, stream: OutputStreamName) {
    while (start < end) {
      if (this.partialChars >= MAX_LINE_CHARS) {
        this.endLine(stream);
      }
      if (this.partialStream === null) {
        this.partialStream = stream;
      }
      const take = Math.min(MAX_LINE_CHARS - this.partialChars, end - start);
      this.partial.push(take === text.length ? text : text.slice(start, start + take));
      this.partialChars += take;
      start += take;
    }
  }

  private endLine(stream: OutputStreamName): void {
    this.keep(this.joinPartial(), this.partialStream ?? stream);
    this.partial = [];
    this.partialChars = 0;
    this.partialStream = null;
  }

  private joinPartial(): string {
    if (this.partial.length > 1) {
      this.partial = [this.partial.join("")];
    }
    return this.partial[0] ?? "";
  }

  private keep(text: string, stream: OutputStreamName): void {
    if (this.kept < this.maxLines) {
      const slot = (this.head + this.kept) % this.maxLines;
      this.texts[slot] = text;
      this.streams[slot] = stream;
      this.kept += 1;
      return;
    }
    // Full: the oldest line's slot takes the new one.
    this.texts[this.head] = text;
    this.streams[this.head] = stream;
    this.head = (this.head + 1) % this.maxLines;
    this.dropped += 1;
  }

  private changed(): void {
    if (this.batcher === null) {
      this.notify();
    } else {
      this.batcher.schedule(this.publish);
    }
  }

  private notify(): void {
    const end = this.dropped + this.kept + (this.partialStream === null ? 0 : 1);
    this.current = { first: this.dropped, end, totalChars: this.chars };
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

import { describe, expect, it, vi } from "vitest";
import type { OutputStreamName } from "@switchboard/contract";
import { FrameBatcher } from "./frameBatcher";
import { MAX_LINE_CHARS, ReplyLines } from "./replyLines";

const STDOUT = "stdout" as OutputStreamName;
const STDERR = "stderr" as OutputStreamName;

function texts(lines: ReplyLines): string[] {
  const { first, end } = lines.getSnapshot();
  return Array.from({ length: end - first }, (_, row) => lines.line(first + row)!.text);
}

describe("ReplyLines", () => {
  it("splits chunks into lines, joining a line that spans chunks", () => {
    const lines = new ReplyLines();
    lines.appendChunk(0, "line 1\nli", STDOUT);
    lines.appendChunk(1, "ne 2\n\nline", STDOUT);
    lines.appendChunk(2, " 4", STDOUT);

    expect(texts(lines)).toEqual(["line 1", "line 2", "", "line 4"]);
    expect(lines.getSnapshot()).toEqual({ first: 0, end: 4, totalChars: 21 });
    expect(lines.text()).toBe("line 1\nline 2\n\nline 4");
  });

  it("keeps each line's stream", () => {
    const lines = new ReplyLines();
    lines.appendChunk(0, "compiling\n", STDOUT);
    lines.appendChunk(1, "warning: unused\n", STDERR);
    expect([lines.line(0), lines.line(1)]).toEqual([
      { text: "compiling", stream: STDOUT },
      { text: "warning: unused", stream: STDERR },
    ]);
  });

  it("applies a chunk once: a replayed seq changes nothing", () => {
    const lines = new ReplyLines();
    expect(lines.appendChunk(0, "a\n", STDOUT)).toBe(true);
    expect(lines.appendChunk(1, "b\n", STDOUT)).toBe(true);
    expect(lines.appendChunk(1, "b\n", STDOUT)).toBe(false);
    expect(lines.appendChunk(0, "a\n", STDOUT)).toBe(false);
    expect(texts(lines)).toEqual(["a", "b"]);
    expect(lines.nextSeq).toBe(2);
  });

  it("keeps the last maxLines lines and counts the ones that left", () => {
    const lines = new ReplyLines(3);
    lines.append("1\n2\n3\n4\n5\n", STDOUT);

    expect(lines.getSnapshot()).toMatchObject({ first: 2, end: 5 });
    expect(texts(lines)).toEqual(["3", "4", "5"]);
    expect(lines.line(1)).toBeNull();
    lines.append("6\n7", STDOUT);
    // The unfinished last line is shown too, beside the kept complete ones.
    expect(texts(lines)).toEqual(["4", "5", "6", "7"]);
    expect(lines.getSnapshot()).toMatchObject({ first: 3, end: 7 });
  });

  it("holds a bounded number of lines however much streams through it", () => {
    const lines = new ReplyLines(1000);
    let seq = 0;
    for (let start = 1; start <= 300_000; start += 500) {
      const chunk = Array.from({ length: 500 }, (_, i) => `line number ${start + i}\n`).join("");
      lines.appendChunk(seq++, chunk, STDOUT);
    }
    const { first, end } = lines.getSnapshot();
    expect(end - first).toBe(1000);
    expect(first).toBe(299_000);
    expect(lines.line(end - 1)!.text).toBe("line number 300000");
    expect(lines.line(first)!.text).toBe("line number 299001");
  });

  it("costs O(chunk): appending to a long reply is as fast as to a short one", () => {
    const chunk = "x".repeat(40).concat("\n").repeat(400); // 16 KiB, 400 lines
    const lines = new ReplyLines(1_000_000);
    const timeOf = (chunks: number) => {
      const started = performance.now();
      for (let i = 0; i < chunks; i += 1) {
        lines.append(chunk, STDOUT);
      }
      return performance.now() - started;
    };
    timeOf(50); // warm up
    const early = timeOf(200);
    for (let i = 0; i < 1500; i += 1) {
      lines.append(chunk, STDOUT); // 600,000 lines further on
    }
    const late = timeOf(200);
    // With a copy of all earlier text per chunk, late would be ~30x early.
    expect(late).toBeLessThan(early * 5 + 20);
  });

  it("breaks a line longer than MAX_LINE_CHARS onto further rows", () => {
    const lines = new ReplyLines();
    lines.append("y".repeat(MAX_LINE_CHARS * 2 + 5), STDOUT);
    lines.append("z\n", STDOUT);
    expect(texts(lines).map((line) => line.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS, 6]);
  });

  it("tells its views once per animation frame, however many chunks came", () => {
    const frames: (() => void)[] = [];
    const batcher = new FrameBatcher((callback) => frames.push(callback));
    const lines = new ReplyLines(100, batcher);
    const listener = vi.fn();
    lines.subscribe(listener);

    for (let seq = 0; seq < 50; seq += 1) {
      lines.appendChunk(seq, `line ${seq}\n`, STDOUT);
    }
    expect(listener).not.toHaveBeenCalled();
    expect(lines.getSnapshot().end).toBe(0); // the snapshot views read is the painted one
    expect(frames).toHaveLength(1);

    frames.shift()!();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(lines.getSnapshot()).toMatchObject({ first: 0, end: 50 });
  });

  it("refuses a limit that keeps no line", () => {
    expect(() => new ReplyLines(0)).toThrow("maxLines must be a whole number of at least 1, got 0");
  });
});

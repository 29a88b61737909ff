/**
 * ReplyOutput shows one agent reply's output as a virtualized list of lines: only the rows on
 * screen (plus a margin) are in the DOM, each one line of fixed height, so a reply of a million
 * lines renders as fast as one of fifty. It follows the tail while the reader is at the bottom,
 * stops when they scroll up and offers "Jump to latest"; past the lines the page keeps, it says
 * how many left the view and links to the stored output.
 *
 * Why not xterm.js (which the shell page loads): a conversation holds many replies, and a
 * terminal per reply costs a canvas or a grid of row elements each, fixed columns that hard-wrap
 * and reflow, and its own selection, search and accessibility layer; plain rows keep the
 * browser's selection, copy, find-in-page on what is shown, screen-reader text and wide
 * characters as they are, colours come from the ANSI codes of each line ({@link AnsiText}) and
 * stderr's own colour, and the fixed row height is all the virtualization needs (an index
 * computation, so no measuring library).
 */
import {
  type UIEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { replyOutputUrl } from "@/client/lib/api";
import { formatCount } from "@/client/lib/format";
import { AnsiText } from "./AnsiText";
import type { ReplyLines } from "./replyLines";

/** Height of one output row; `.output-line` in index.css has the same. */
export const ROW_HEIGHT_PX = 18;
/** Rows rendered above and below the visible ones, so a fast scroll shows no blank. */
export const OVERSCAN_ROWS = 30;
/** The view's height before it is measured (its CSS max-height). */
const DEFAULT_VIEW_HEIGHT_PX = 480;

export interface ReplyOutputProps {
  sessionId: string;
  messageId: string;
  lines: ReplyLines;
  streaming: boolean;
  outputComplete: boolean;
  /** The server's `max-stored-chars`, when known: what the download can hold. */
  maxStoredChars: number | null;
}

/** The first and one-past-last row to render for a view scrolled to `top`. */
export function visibleRows(
  rowCount: number,
  top: number,
  viewHeight: number,
): { from: number; to: number } {
  const from = Math.max(0, Math.floor(top / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const to = Math.min(rowCount, Math.ceil((top + viewHeight) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  return { from, to: Math.max(from, to) };
}

export function ReplyOutput({
  sessionId,
  messageId,
  lines,
  streaming,
  outputComplete,
  maxStoredChars,
}: ReplyOutputProps) {
  const snapshot = useSyncExternalStore(lines.subscribe, lines.getSnapshot);
  const view = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(DEFAULT_VIEW_HEIGHT_PX);
  const shownFirst = useRef(snapshot.first);
  const rowCount = snapshot.end - snapshot.first;
  const contentHeight = rowCount * ROW_HEIGHT_PX;

  useEffect(() => {
    const element = view.current;
    if (element === null || typeof ResizeObserver === "undefined") {
      return;
    }
    const observer = new ResizeObserver(() => {
      if (element.clientHeight > 0) {
        setViewHeight(element.clientHeight);
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Before paint: keep the tail in view while following; otherwise keep the reader's lines where
  // they were when the oldest lines left above them.
  useLayoutEffect(() => {
    const element = view.current;
    const droppedRows = snapshot.first - shownFirst.current;
    shownFirst.current = snapshot.first;
    if (element === null) {
      return;
    }
    if (following) {
      element.scrollTop = element.scrollHeight;
    } else if (droppedRows > 0) {
      element.scrollTop = Math.max(0, element.scrollTop - droppedRows * ROW_HEIGHT_PX);
    }
  }, [following, snapshot]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    setFollowing(fromBottom <= ROW_HEIGHT_PX / 2);
    setScrollTop(element.scrollTop);
  };

  const jumpToLatest = useCallback(() => {
    setFollowing(true);
    const element = view.current;
    if (element !== null) {
      element.scrollTop = element.scrollHeight;
      element.focus({ preventScroll: true });
    }
  }, []);

  const top = following ? Math.max(0, contentHeight - viewHeight) : scrollTop;
  const { from, to } = visibleRows(rowCount, top, viewHeight);
  const rows = [];
  for (let row = from; row < to; row += 1) {
    const line = lines.line(snapshot.first + row);
    const last = row === rowCount - 1;
    rows.push(
      <div
        key={snapshot.first + row}
        className={`output-line output--${line?.stream ?? "stdout"}`}
        data-line={snapshot.first + row + 1}
      >
        <AnsiText text={line?.text ?? ""} />
        {last && streaming && (
          <span className="cursor" aria-hidden="true" data-testid="stream-cursor" />
        )}
      </div>,
    );
  }
  const truncatedOnServer = maxStoredChars !== null && snapshot.totalChars > maxStoredChars;
  const downloadUrl = replyOutputUrl(sessionId, messageId);

  return (
    <div className="reply-output">
      {snapshot.first > 0 && (
        <p className="output-dropped" role="note" data-testid="output-dropped">
          {formatCount(snapshot.first)} earlier {snapshot.first === 1 ? "line is" : "lines are"} no
          longer shown: this page keeps the last {formatCount(lines.maxLines)} lines of a reply.{" "}
          <a href={downloadUrl} download={`reply-${messageId}.txt`}>
            Download the stored output
          </a>
          {truncatedOnServer && (
            <>
              {" "}
              (the server stores the first {formatCount(maxStoredChars)} characters of a reply; this
              one printed {formatCount(snapshot.totalChars)})
            </>
          )}
          .
        </p>
      )}
      <div
        className="message__output output-view"
        data-testid="message-output"
        data-first-line={snapshot.first + 1}
        data-line-count={snapshot.end}
        data-following={following}
        ref={view}
        tabIndex={0}
        role="region"
        aria-label={`Output, ${formatCount(rowCount)} ${rowCount === 1 ? "line" : "lines"}`}
        onScroll={onScroll}
      >
        {rowCount === 0 ? (
          <div className="output-line">
            {streaming ? (
              <span className="cursor" aria-hidden="true" data-testid="stream-cursor" />
            ) : (
              outputComplete && <span className="output--none">(no output)</span>
            )}
          </div>
        ) : (
          <div className="output-view__content" style={{ height: contentHeight }}>
            <div
              className="output-view__rows"
              style={{ transform: `translateY(${from * ROW_HEIGHT_PX}px)` }}
            >
              {rows}
            </div>
          </div>
        )}
      </div>
      {!following && (
        <button
          type="button"
          className="button jump-latest"
          onClick={jumpToLatest}
          data-testid="jump-latest"
        >
          Jump to latest
          <span className="visually-hidden">
            {" "}
            output (line {formatCount(snapshot.end)})
            {streaming ? "; the reply is still running" : ""}
          </span>
        </button>
      )}
      <p className="visually-hidden" aria-live="polite">
        {following ? "" : "Not following new output."}
      </p>
    </div>
  );
}

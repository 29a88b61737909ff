/**
 * Pure wording for the pages: status badges, durations and relative times, each tested without
 * rendering.
 */
import { MessageStatus, SessionStatus } from "@switchboard/contract";

/** How a badge looks: its text and its tone (a CSS modifier). */
export interface Badge {
  label: string;
  tone: "neutral" | "running" | "success" | "danger" | "warning";
}

/**
 * The badge of a message: "Running", "Completed", "Failed", …, "Sending" before the echo, or "Not
 * sent" when the server refused it.
 */
export function messageStatusBadge(status: MessageStatus | "sending" | "not_sent"): Badge {
  switch (status) {
    case "sending":
      return { label: "Sending", tone: "neutral" };
    case "not_sent":
      return { label: "Not sent", tone: "danger" };
    case MessageStatus.RUNNING:
      return { label: "Running", tone: "running" };
    case MessageStatus.COMPLETED:
      return { label: "Completed", tone: "success" };
    case MessageStatus.FAILED:
      return { label: "Failed", tone: "danger" };
    case MessageStatus.CANCELLED:
      return { label: "Cancelled", tone: "warning" };
    case MessageStatus.TIMED_OUT:
      return { label: "Timed out", tone: "danger" };
    case MessageStatus.INTERRUPTED:
      return { label: "Interrupted", tone: "warning" };
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

/** The badge of a session in a list. */
export function sessionStatusBadge(status: SessionStatus): Badge {
  switch (status) {
    case SessionStatus.RUNNING:
      return { label: "Running", tone: "running" };
    case SessionStatus.IDLE:
      return { label: "Idle", tone: "neutral" };
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

/** "850 ms", "12.3 s", "4 min 5 s". */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) {
    return `${Math.round(durationMs)} ms`;
  }
  if (durationMs < 60_000) {
    return `${(durationMs / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(durationMs / 60_000);
  const seconds = Math.round((durationMs % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "5 minutes ago", "yesterday", … from an ISO timestamp. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const elapsedMs = now.getTime() - time;
  if (Math.abs(elapsedMs) < 60_000) {
    return "just now";
  }
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, unitMs] of RELATIVE_UNITS) {
    if (Math.abs(elapsedMs) >= unitMs) {
      return format.format(-Math.round(elapsedMs / unitMs), unit);
    }
  }
  return "just now";
}

/** The exact time, for a tooltip next to a relative one. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString();
}

/** The time of day ("09:14:22"), for messages of a conversation. */
export function formatClock(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time)
    ? iso
    : new Date(time).toLocaleTimeString(undefined, {
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
}

/** A count with thousands separators, as the page shows line and character counts: "300,000". */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

import { describe, expect, it } from "vitest";
import { MessageStatus, SessionStatus } from "@switchboard/contract";
import {
  formatClock,
  formatDuration,
  formatRelative,
  messageStatusBadge,
  sessionStatusBadge,
} from "./format";

describe("messageStatusBadge", () => {
  it("names every status with a tone", () => {
    expect(messageStatusBadge("sending")).toEqual({ label: "Sending", tone: "neutral" });
    expect(messageStatusBadge("not_sent")).toEqual({ label: "Not sent", tone: "danger" });
    expect(messageStatusBadge(MessageStatus.RUNNING)).toEqual({
      label: "Running",
      tone: "running",
    });
    expect(messageStatusBadge(MessageStatus.COMPLETED).tone).toBe("success");
    expect(messageStatusBadge(MessageStatus.FAILED).tone).toBe("danger");
    expect(messageStatusBadge(MessageStatus.TIMED_OUT).label).toBe("Timed out");
    expect(messageStatusBadge(MessageStatus.CANCELLED).tone).toBe("warning");
    expect(messageStatusBadge(MessageStatus.INTERRUPTED).label).toBe("Interrupted");
  });
});

describe("sessionStatusBadge", () => {
  it("shows running sessions as running", () => {
    expect(sessionStatusBadge(SessionStatus.RUNNING).tone).toBe("running");
    expect(sessionStatusBadge(SessionStatus.IDLE).label).toBe("Idle");
  });
});

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [12_340, "12.3 s"],
    [245_000, "4 min 5 s"],
    [120_000, "2 min"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  it.each([
    ["2026-11-28T11:59:30Z", "just now"],
    ["2026-11-28T11:55:00Z", "5 minutes ago"],
    ["2026-11-28T09:00:00Z", "3 hours ago"],
    ["2026-11-27T12:00:00Z", "yesterday"],
    ["not a date", "not a date"],
  ])("formats %s as %s", (iso, text) => {
    expect(formatRelative(iso, now)).toBe(text);
  });
});

describe("formatClock", () => {
  it("shows the time of day and passes through what is not a date", () => {
    expect(formatClock("2026-11-28T09:14:22Z")).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect(formatClock("later")).toBe("later");
  });
});

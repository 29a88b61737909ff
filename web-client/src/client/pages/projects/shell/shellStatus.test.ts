import { describe, expect, it } from "vitest";
import { shellStatusBadge } from "./shellStatus";

const base = { status: "open" as const, attempt: 0, maxAttempts: 5, exit: null };

describe("shellStatusBadge", () => {
  it("names each socket state", () => {
    expect(shellStatusBadge(base)).toEqual({ label: "Attached", tone: "success" });
    expect(shellStatusBadge({ ...base, status: "connecting" }).label).toBe("Attaching…");
    expect(shellStatusBadge({ ...base, status: "reconnecting", attempt: 3 }).label).toBe(
      "Re-attaching… (3/5)",
    );
    expect(shellStatusBadge({ ...base, status: "closed" })).toEqual({
      label: "Detached",
      tone: "danger",
    });
  });

  it("says how the shell exited, whatever the socket does", () => {
    expect(shellStatusBadge({ ...base, status: "closed", exit: { exitCode: 0 } })).toEqual({
      label: "Exited with code 0",
      tone: "neutral",
    });
    expect(shellStatusBadge({ ...base, exit: { exitCode: 129, signal: "SIGHUP" } })).toEqual({
      label: "Exited with code 129 (SIGHUP)",
      tone: "danger",
    });
  });
});

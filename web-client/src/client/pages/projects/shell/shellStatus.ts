/** The shell page's status badge, derived from the shell socket's state by a pure function. */
import type { Badge } from "../../../lib/format";
import type { ShellState } from "./hooks/useShellWebSocket";

export function shellStatusBadge({
  status,
  attempt,
  maxAttempts,
  exit,
}: Pick<ShellState, "status" | "attempt" | "maxAttempts" | "exit">): Badge {
  if (exit !== null) {
    const signal = exit.signal ? ` (${exit.signal})` : "";
    return {
      label: `Exited with code ${exit.exitCode}${signal}`,
      tone: exit.exitCode === 0 ? "neutral" : "danger",
    };
  }
  switch (status) {
    case "open":
      return { label: "Attached", tone: "success" };
    case "connecting":
      return { label: "Attaching…", tone: "running" };
    case "reconnecting":
      return { label: `Re-attaching… (${attempt}/${maxAttempts})`, tone: "running" };
    case "closed":
      return { label: "Detached", tone: "danger" };
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it } from "vitest";
import type { AgentInfo } from "../lib/api";
import { SandboxNotice, sandboxWarning } from "./SandboxNotice";

const agent = (sandbox: AgentInfo["sandbox"]): AgentInfo => ({
  label: "Shell command (sh -c)",
  stdin: false,
  timeoutMs: 1_800_000,
  maxRunsPerToken: 4,
  maxRunsPerNode: 32,
  maxStoredChars: 1_048_576,
  sandbox,
});

describe("sandboxWarning", () => {
  it("says nothing while the agent is unknown or sandboxed", () => {
    expect(sandboxWarning(null)).toBeNull();
    expect(
      sandboxWarning(agent({ mode: "auto", enforced: true, network: true, warning: null })),
    ).toBeNull();
  });

  it("shows the server's warning when nothing confines agents and shells", () => {
    const unconfined = agent({
      mode: "off",
      enforced: false,
      network: true,
      warning: "Full access.",
    });
    expect(sandboxWarning(unconfined)).toBe("Full access.");
  });
});

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

describe("SandboxNotice", () => {
  it("renders an alert only without a sandbox", () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    const container = document.createElement("div");
    const root = createRoot(container);
    act(() => {
      root.render(
        <SandboxNotice agent={agent({ mode: "bwrap", enforced: true, network: false })} />,
      );
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();

    act(() => {
      root.render(
        <SandboxNotice
          agent={agent({ mode: "auto", enforced: false, network: true, warning: "Full access." })}
        />,
      );
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe("No sandbox. Full access.");
    act(() => root.unmount());
  });
});

/**
 * SandboxNotice warns, on a project's page, when the server runs agents and shells without a
 * sandbox: then anyone who may send messages or open shells here has the server user's full
 * access to the machine, whatever their token's scope says.
 */
import type { AgentInfo } from "../lib/api";

/** The warning to show for this server's agent, or null when the sandbox confines it. */
export function sandboxWarning(agent: AgentInfo | null): string | null {
  if (agent === null || agent.sandbox.enforced) {
    return null;
  }
  return agent.sandbox.warning ?? "Agents and shells run without a sandbox on this server.";
}

export function SandboxNotice({ agent }: { agent: AgentInfo | null }) {
  const warning = sandboxWarning(agent);
  if (warning === null) {
    return null;
  }
  return (
    <div className="notice notice--warning" role="alert" data-testid="sandbox-warning">
      <span>
        <strong>No sandbox.</strong> {warning}
      </span>
    </div>
  );
}

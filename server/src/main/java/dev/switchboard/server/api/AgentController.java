package dev.switchboard.server.api;

import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.sandbox.SandboxStatus;
import dev.switchboard.server.session.agent.AgentConfiguration;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/**
 * AgentController describes the configured agent at {@code GET /api/agent}, so clients can say what
 * will run a message (for example "Shell command (sh -c)") and what confines it: the sandbox's
 * status carries the warning to show when agents and shells run with the server user's full access.
 * The command line and environment are not shown: they may carry keys.
 */
@Controller("/api/agent")
final class AgentController {

  private final AgentConfiguration agent;
  private final Sandbox sandbox;

  AgentController(AgentConfiguration agent, Sandbox sandbox) {
    this.agent = agent;
    this.sandbox = sandbox;
  }

  /** The body of {@code GET /api/agent}. */
  @Serdeable
  record AgentInfo(
      String label,
      boolean stdin,
      long timeoutMs,
      int maxRunsPerToken,
      int maxRunsPerNode,
      int maxStoredChars,
      SandboxStatus sandbox) {}

  @Get
  AgentInfo describe() {
    return new AgentInfo(
        agent.label(),
        agent.stdin(),
        agent.timeout().toMillis(),
        agent.maxRunsPerToken(),
        agent.maxRunsPerNode(),
        agent.maxStoredChars(),
        sandbox.status());
  }
}

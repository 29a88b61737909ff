package dev.switchboard.server.api;

import dev.switchboard.server.session.agent.AgentConfiguration;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/**
 * AgentController describes the configured agent at {@code GET /api/agent}, so clients can say what
 * will run a message (for example "Shell command (sh -c)"). The command line and environment are
 * not shown: they may carry keys.
 */
@Controller("/api/agent")
final class AgentController {

  private final AgentConfiguration agent;

  AgentController(AgentConfiguration agent) {
    this.agent = agent;
  }

  /** The body of {@code GET /api/agent}. */
  @Serdeable
  record AgentInfo(String label, boolean stdin, long timeoutMs) {}

  @Get
  AgentInfo describe() {
    return new AgentInfo(agent.label(), agent.stdin(), agent.timeout().toMillis());
  }
}

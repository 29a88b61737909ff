package dev.switchboard.server.session.agent;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ActiveRuns holds the replies running on this server, by session, and admits new ones within the
 * caps of {@code switchboard.agent.max-runs-per-token} and {@code max-runs-per-node}.
 */
@Singleton
final class ActiveRuns {

  /** The cap a refused reply ran into. */
  enum Cap {
    PER_TOKEN,
    PER_NODE
  }

  private final Map<String, AgentRun> bySession = new ConcurrentHashMap<>();

  /**
   * Adds the run unless its token already runs {@code perToken} replies or this node {@code
   * perNode}; returns the cap that refused it. Counting and adding are one step, so concurrent
   * messages cannot overshoot a cap.
   */
  synchronized Optional<Cap> admit(AgentRun run, int perToken, int perNode) {
    long ofToken =
        bySession.values().stream().filter(other -> other.tokenId().equals(run.tokenId())).count();
    if (ofToken >= perToken) {
      return Optional.of(Cap.PER_TOKEN);
    }
    if (bySession.size() >= perNode) {
      return Optional.of(Cap.PER_NODE);
    }
    bySession.put(run.sessionId(), run);
    return Optional.empty();
  }

  void remove(AgentRun run) {
    bySession.remove(run.sessionId(), run);
  }

  Optional<AgentRun> inSession(String sessionId) {
    return Optional.ofNullable(bySession.get(sessionId));
  }

  List<AgentRun> all() {
    return List.copyOf(bySession.values());
  }
}

package dev.switchboard.server.session.agent;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** ActiveRuns holds the replies running on this server, by session. */
@Singleton
final class ActiveRuns {

  private final Map<String, AgentRun> bySession = new ConcurrentHashMap<>();

  void add(AgentRun run) {
    bySession.put(run.sessionId(), run);
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

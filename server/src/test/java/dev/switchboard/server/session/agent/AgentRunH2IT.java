package dev.switchboard.server.session.agent;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.util.Map;

/**
 * AgentRunH2IT runs the agent runner contract on H2: the test database, and for the crash the
 * default H2 file database in the crashed server's data directory.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = AgentRunContract.ADMIN_TOKEN)
class AgentRunH2IT extends AgentRunContract {

  @Override
  Map<String, String> crashDatabase(Path dataDir) {
    return Map.of("switchboard.db.url", "");
  }
}

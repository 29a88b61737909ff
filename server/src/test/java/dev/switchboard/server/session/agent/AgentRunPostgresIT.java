package dev.switchboard.server.session.agent;

import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TestPostgres;
import dev.switchboard.server.testing.TestService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * AgentRunPostgresIT runs the agent runner contract on PostgreSQL, in schemas of its own (one for
 * the test server, one for the crashed one) that it drops afterwards, on the PostgreSQL that {@link
 * TestService#POSTGRES} selects.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresService(TestService.POSTGRES)
class AgentRunPostgresIT extends AgentRunContract implements TestPropertyProvider {

  private final String schema = "switchboard_agent_it_" + System.nanoTime();
  private final String crashSchema = schema + "_crash";

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.token", ADMIN_TOKEN,
        "switchboard.db.url", url(schema),
        "switchboard.db.username", TestPostgres.user(),
        "switchboard.db.password", TestPostgres.password(),
        "flyway.datasources.default.schemas", schema);
  }

  @Override
  Map<String, String> crashDatabase(Path dataDir) {
    return Map.of(
        "switchboard.db.url", url(crashSchema),
        "switchboard.db.username", TestPostgres.user(),
        "switchboard.db.password", TestPostgres.password(),
        "flyway.datasources.default.schemas", crashSchema);
  }

  @AfterAll
  void dropSchemas() throws SQLException {
    TestPostgres.dropSchemas(List.of(schema, crashSchema));
  }

  private String url(String currentSchema) {
    return TestPostgres.urlWithSchema(currentSchema);
  }
}

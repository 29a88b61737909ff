package dev.switchboard.server.session.agent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * AgentRunPostgresIT runs the agent runner contract on PostgreSQL, in schemas of its own (one for
 * the test server, one for the crashed one) that it drops afterwards. Runs only when {@code
 * SWITCHBOARD_TEST_POSTGRES_URL} is set, as {@code .ci/run} does.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(
    named = "SWITCHBOARD_TEST_POSTGRES_URL",
    matches = ".+",
    disabledReason = "set SWITCHBOARD_TEST_POSTGRES_URL (as .ci/run does) to run on PostgreSQL")
class AgentRunPostgresIT extends AgentRunContract implements TestPropertyProvider {

  private final String schema = "switchboard_agent_it_" + System.nanoTime();
  private final String crashSchema = schema + "_crash";
  private final String baseUrl = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
  private final String user = env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
  private final String password = env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.token", ADMIN_TOKEN,
        "switchboard.db.url", url(schema),
        "switchboard.db.username", user,
        "switchboard.db.password", password,
        "flyway.datasources.default.schemas", schema);
  }

  @Override
  Map<String, String> crashDatabase(Path dataDir) {
    return Map.of(
        "switchboard.db.url", url(crashSchema),
        "switchboard.db.username", user,
        "switchboard.db.password", password,
        "flyway.datasources.default.schemas", crashSchema);
  }

  @AfterAll
  void dropSchemas() throws SQLException {
    try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("DROP SCHEMA IF EXISTS " + crashSchema + " CASCADE");
    }
  }

  private String url(String currentSchema) {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + currentSchema;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

package dev.switchboard.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * PostgresCrashDurabilityIT runs the crash contract on PostgreSQL, in a schema of its own per test
 * that it drops afterwards. Runs only when {@code SWITCHBOARD_TEST_POSTGRES_URL} is set, as {@code
 * .ci/run} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(
    named = PostgresStorageTest.URL_VARIABLE,
    matches = ".+",
    disabledReason = "set SWITCHBOARD_TEST_POSTGRES_URL (as .ci/run does) to run on PostgreSQL")
class PostgresCrashDurabilityIT extends CrashDurabilityContract {

  private final String schemaPrefix = "switchboard_crash_it_" + System.nanoTime();
  private final String baseUrl = System.getenv(PostgresStorageTest.URL_VARIABLE);
  private final String user = env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
  private final String password = env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");
  private final Map<Path, String> schemas = new LinkedHashMap<>();

  @Override
  Map<String, String> database(Path dataDir) {
    String schema = schemaOf(dataDir);
    return Map.of(
        "switchboard.db.url",
        baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        "switchboard.db.username",
        user,
        "switchboard.db.password",
        password,
        "flyway.datasources.default.schemas",
        schema);
  }

  @AfterAll
  void dropSchemas() throws SQLException {
    try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
        Statement statement = connection.createStatement()) {
      for (String schema : schemas.values()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** One schema per data directory, that is per test: each test's restarts find their data. */
  private String schemaOf(Path dataDir) {
    return schemas.computeIfAbsent(dataDir, dir -> schemaPrefix + "_" + schemas.size());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * PostgresStorageTest runs the storage contract on PostgreSQL, selected with {@code
 * switchboard.db.url}, in a schema of its own that it drops afterwards (so reruns start clean).
 *
 * <p>Runs only when {@code SWITCHBOARD_TEST_POSTGRES_URL} is set ({@code .ci/run} sets it to the
 * local service, {@code jdbc:postgresql://127.0.0.1:5432/test}); the user is {@code
 * SWITCHBOARD_TEST_POSTGRES_USER}, default {@code postgres}.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(
    named = PostgresStorageTest.URL_VARIABLE,
    matches = ".+",
    disabledReason = "set SWITCHBOARD_TEST_POSTGRES_URL (as .ci/run does) to run on PostgreSQL")
class PostgresStorageTest extends StorageContract implements TestPropertyProvider {

  static final String URL_VARIABLE = "SWITCHBOARD_TEST_POSTGRES_URL";

  private final String schema = "switchboard_test_" + System.nanoTime();
  private final String baseUrl = System.getenv(URL_VARIABLE);
  private final String user = env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
  private final String password = env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");

  @Inject
  @Named("default")
  DatasourceConfiguration datasource;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.db.url",
        baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        "switchboard.db.username",
        user,
        "switchboard.db.password",
        password,
        // Flyway creates the schema, then migrates inside it.
        "flyway.datasources.default.schemas",
        schema);
  }

  @Test
  void usesPostgresqlInItsOwnSchema() {
    assertTrue(datasource.getUrl().startsWith("jdbc:postgresql:"), datasource.getUrl());
    assertTrue(datasource.getUrl().endsWith("currentSchema=" + schema), datasource.getUrl());
  }

  @AfterAll
  void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

package dev.switchboard.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * TestPostgres is the PostgreSQL the tests share: the one {@code SWITCHBOARD_TEST_POSTGRES_URL}
 * names ({@code .ci/run} sets it to the local service; the user is {@code
 * SWITCHBOARD_TEST_POSTGRES_USER}, default {@code postgres}, and the password {@code
 * SWITCHBOARD_TEST_POSTGRES_PASSWORD}), else a Testcontainers container. Every test works in
 * schemas of its own and drops only those, since others use the same server at the same time.
 */
public final class TestPostgres {

  private TestPostgres() {}

  /** The shared server's JDBC URL. */
  public static String url() {
    ServiceSelection selection = selection();
    return selection.source() == ServiceSelection.Source.URL
        ? selection.url()
        : TestContainers.postgres().getJdbcUrl();
  }

  /** The user to connect as. */
  public static String user() {
    return selection().source() == ServiceSelection.Source.URL
        ? env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres")
        : TestContainers.postgres().getUsername();
  }

  /** The user's password. */
  public static String password() {
    return selection().source() == ServiceSelection.Source.URL
        ? env("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "")
        : TestContainers.postgres().getPassword();
  }

  /** The JDBC URL with {@code schema} as the current schema. */
  public static String urlWithSchema(String schema) {
    String url = url();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schemas (never anything else: the server is shared). */
  public static void dropSchemas(List<String> schemas) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(), user(), password());
        Statement statement = connection.createStatement()) {
      for (String schema : schemas) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static ServiceSelection selection() {
    ServiceSelection selection = TestService.POSTGRES.selection();
    if (!selection.available()) {
      throw new IllegalStateException("This test " + selection.reason());
    }
    return selection;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

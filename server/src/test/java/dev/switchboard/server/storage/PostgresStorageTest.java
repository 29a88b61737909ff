package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TestPostgres;
import dev.switchboard.server.testing.TestService;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgresStorageTest runs the storage contract on PostgreSQL, selected with {@code
 * switchboard.db.url}, in a schema of its own that it drops afterwards (so reruns start clean).
 *
 * <p>Runs on the PostgreSQL that {@link TestService#POSTGRES} selects: the local service {@code
 * .ci/run} names, or a container.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresService(TestService.POSTGRES)
class PostgresStorageTest extends StorageContract implements TestPropertyProvider {

  private final String schema = "switchboard_test_" + System.nanoTime();

  @Inject
  @Named("default")
  DatasourceConfiguration datasource;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.db.url",
        TestPostgres.urlWithSchema(schema),
        "switchboard.db.username",
        TestPostgres.user(),
        "switchboard.db.password",
        TestPostgres.password(),
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
    TestPostgres.dropSchemas(List.of(schema));
  }
}

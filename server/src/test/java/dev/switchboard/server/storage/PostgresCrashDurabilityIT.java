package dev.switchboard.server.storage;

import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TestPostgres;
import dev.switchboard.server.testing.TestService;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgresCrashDurabilityIT runs the crash contract on PostgreSQL, in a schema of its own per test
 * that it drops afterwards, on the PostgreSQL that {@link TestService#POSTGRES} selects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresService(TestService.POSTGRES)
class PostgresCrashDurabilityIT extends CrashDurabilityContract {

  private final String schemaPrefix = "switchboard_crash_it_" + System.nanoTime();
  private final Map<Path, String> schemas = new LinkedHashMap<>();

  @Override
  Map<String, String> database(Path dataDir) {
    String schema = schemaOf(dataDir);
    return Map.of(
        "switchboard.db.url",
        TestPostgres.urlWithSchema(schema),
        "switchboard.db.username",
        TestPostgres.user(),
        "switchboard.db.password",
        TestPostgres.password(),
        "flyway.datasources.default.schemas",
        schema);
  }

  @AfterAll
  void dropSchemas() throws SQLException {
    TestPostgres.dropSchemas(List.copyOf(schemas.values()));
  }

  /** One schema per data directory, that is per test: each test's restarts find their data. */
  private String schemaOf(Path dataDir) {
    return schemas.computeIfAbsent(dataDir, dir -> schemaPrefix + "_" + schemas.size());
  }
}

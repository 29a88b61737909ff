package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.auth.IssuedToken;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectStore;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * H2StorageTest runs the storage contract on the default database, the H2 file in the data
 * directory (the test configuration otherwise uses an in-memory H2), and checks that its data
 * survives a restart.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2StorageTest extends StorageContract implements TestPropertyProvider {

  private final Path dataDir = tempDir();

  @Inject
  @Named("default")
  DatasourceConfiguration datasource;

  @Inject DataDirectory dataDirectory;

  @Override
  public Map<String, String> getProperties() {
    return defaults(dataDir);
  }

  /** The properties of a server with no database configured, on this data directory. */
  static Map<String, String> defaults(Path dataDir) {
    return Map.<String, String>of(
        "switchboard.data-dir", dataDir.toString(), "switchboard.db.url", "");
  }

  @Test
  void defaultsToAnH2FileInTheDataDirectory() {
    assertEquals(
        "jdbc:h2:file:" + dataDir.resolve("switchboard") + DefaultDatabase.H2_OPTIONS,
        datasource.getUrl());
    assertEquals("org.h2.Driver", datasource.getDriverClassName());
    assertEquals(dataDir, dataDirectory.path());
  }

  @Test
  void keepsProjectsAndTokensAcrossRestarts() {
    Path otherDataDir = tempDir();
    Project created;
    IssuedToken token;
    try (ApplicationContext first =
        ApplicationContext.run(Map.<String, Object>copyOf(defaults(otherDataDir)), "test")) {
      created = first.getBean(ProjectStore.class).create("kept", "/tmp");
      token = first.getBean(TokenStore.class).create("kept", List.of(created.id()), false);
    }
    try (ApplicationContext second =
        ApplicationContext.run(Map.<String, Object>copyOf(defaults(otherDataDir)), "test")) {
      assertEquals(Optional.of(created), second.getBean(ProjectStore.class).find(created.id()));
      assertTrue(second.getBean(TokenStore.class).authenticate(token.token()).isPresent());
      assertEquals(
          "jdbc:h2:file:" + otherDataDir.resolve("switchboard") + DefaultDatabase.H2_OPTIONS,
          second.getBean(DatasourceConfiguration.class, Qualifiers.byName("default")).getUrl());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("switchboard-h2-storage-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.switchboard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** DataDirectoryStartupTest checks that the context creates switchboard.data-dir at start-up. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataDirectoryStartupTest implements TestPropertyProvider {

  private final Path root = createTempRoot();
  private final Path dataDir = root.resolve("nested/data-dir");

  @Inject SwitchboardConfiguration configuration;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("switchboard.data-dir", dataDir.toString());
  }

  @Test
  void bindsTheConfiguredPath() {
    assertEquals(dataDir, configuration.dataDir());
  }

  @Test
  void createsTheDataDirectoryAtStartup() {
    assertTrue(Files.isDirectory(dataDir), dataDir + " was not created");
  }

  @AfterAll
  void deleteTempRoot() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static Path createTempRoot() {
    try {
      return Files.createTempDirectory("switchboard-data-dir-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

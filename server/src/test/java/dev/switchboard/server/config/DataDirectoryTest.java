package dev.switchboard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path temp;

  @Test
  void createsMissingDirectoryAndParents() {
    Path wanted = temp.resolve("a/b/data");

    DataDirectory dataDirectory = new DataDirectory(new SwitchboardConfiguration(wanted));

    assertTrue(Files.isDirectory(wanted));
    assertEquals(wanted.toAbsolutePath(), dataDirectory.path());
  }

  @Test
  void acceptsAnExistingDirectory() {
    DataDirectory dataDirectory = new DataDirectory(new SwitchboardConfiguration(temp));

    assertEquals(temp.toAbsolutePath(), dataDirectory.path());
  }

  @Test
  void failsWithTheFixWhenAFileBlocksThePath() throws IOException {
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> new DataDirectory(new SwitchboardConfiguration(file.resolve("data"))));

    assertTrue(e.getMessage().contains("Cannot create the data directory"), e.getMessage());
    assertTrue(e.getMessage().contains("SWITCHBOARD_DATA_DIR"), e.getMessage());
  }

  @Test
  void rejectsABlankPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new SwitchboardConfiguration(Path.of("")));

    assertTrue(e.getMessage().contains("switchboard.data-dir"), e.getMessage());
  }
}

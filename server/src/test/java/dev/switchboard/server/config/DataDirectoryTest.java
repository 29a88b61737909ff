package dev.switchboard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path parent;

  @Test
  void createsTheDirectoryForItsOwnerOnly() throws Exception {
    Path path = parent.resolve("data");

    new DataDirectory(SwitchboardConfiguration.of(path));

    assertEquals("rwx------", mode(path));
  }

  @Test
  void restrictsWhatOthersCouldReadAndNamesIt() throws Exception {
    Path path = Files.createDirectory(parent.resolve("data"));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path database = Files.writeString(path.resolve("switchboard.mv.db"), "conversations");
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
    Path native_ = Files.createDirectory(path.resolve("native"));
    Files.setPosixFilePermissions(native_, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path library = Files.writeString(native_.resolve("libpty.so"), "elf");
    Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path secret = Files.writeString(path.resolve("cookie-secret"), "key");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

    DataDirectory directory = new DataDirectory(SwitchboardConfiguration.of(path));

    assertEquals("rwx------", mode(path));
    assertEquals("rw-------", mode(database));
    assertEquals("rwx------", mode(native_));
    assertEquals("rwx------", mode(library));
    assertEquals("rw-------", mode(secret));
    assertTrue(directory.restrictToOwner().isEmpty(), "nothing left to restrict");
  }

  @Test
  void reportsEachPathItRestricted() throws Exception {
    Path path = Files.createDirectory(parent.resolve("data"));
    DataDirectory directory = new DataDirectory(SwitchboardConfiguration.of(path));
    Path trace = Files.writeString(path.resolve("switchboard.trace.db"), "sql");
    Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-rw-r--"));

    assertEquals(List.of(trace), directory.restrictToOwner());
  }

  @Test
  void filesRemovedWhileItRestrictsAreSkipped() throws Exception {
    Path path = Files.createDirectory(parent.resolve("data"));
    DataDirectory directory = new DataDirectory(SwitchboardConfiguration.of(path));
    // A secret written while the server starts goes through a temporary file renamed into place;
    // the walk may list the temporary file and find it gone. Files disappearing under the walk,
    // many times over, must never stop the server.
    for (int round = 0; round < 20; round++) {
      List<Path> files = new java.util.ArrayList<>();
      for (int i = 0; i < 500; i++) {
        files.add(Files.writeString(path.resolve(".secret" + i + ".tmp"), "key"));
      }
      Thread remover =
          new Thread(
              () -> {
                for (Path file : files) {
                  try {
                    Files.deleteIfExists(file);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                }
              });
      remover.start();
      directory.restrictToOwner();
      remover.join();
    }
    assertEquals("rwx------", mode(path));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

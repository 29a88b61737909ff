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

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

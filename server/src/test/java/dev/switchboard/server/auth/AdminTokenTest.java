package dev.switchboard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

  private final Path dataDir = AuthTestSupport.createTempDataDir("admin-token-test");

  @AfterEach
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void generatesATokenOnFirstStartAndStoresItOwnerOnly() throws IOException {
    AdminToken token = new AdminToken("", dataDir);

    assertEquals(AdminToken.Source.GENERATED, token.source());
    assertTrue(token.value().matches("sb_[A-Za-z0-9_-]{43}"), "unexpected shape");
    Path file = dataDir.resolve(AdminToken.FILE_NAME);
    assertEquals(token.value(), Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void reusesTheStoredTokenOnTheNextStart() {
    AdminToken first = new AdminToken("", dataDir);
    AdminToken second = new AdminToken(null, dataDir);

    assertEquals(AdminToken.Source.FILE, second.source());
    assertEquals(first.value(), second.value());
  }

  @Test
  void configuredTokenWinsOverTheFileAndIsNotWritten() throws IOException {
    new AdminToken("", dataDir);
    String stored = Files.readString(dataDir.resolve(AdminToken.FILE_NAME));

    AdminToken token = new AdminToken("  configured-token-0123456789  ", dataDir);

    assertEquals(AdminToken.Source.CONFIGURED, token.source());
    assertTrue(token.matches("configured-token-0123456789"));
    assertFalse(token.matches(stored));
    assertEquals(stored, Files.readString(dataDir.resolve(AdminToken.FILE_NAME)));
  }

  @Test
  void doesNotCreateTheFileWhenATokenIsConfigured() {
    new AdminToken("configured-token-0123456789", dataDir);

    assertFalse(Files.exists(dataDir.resolve(AdminToken.FILE_NAME)));
  }

  @Test
  void restrictsAStoredFileThatOthersCouldRead() throws IOException {
    Path file = dataDir.resolve(AdminToken.FILE_NAME);
    Files.writeString(file, "stored-token-0123456789\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    AdminToken token = new AdminToken("", dataDir);

    assertTrue(token.matches("stored-token-0123456789"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void rejectsAShortConfiguredTokenWithTheFix() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new AdminToken("tiny-tok", dataDir));

    assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    assertFalse(e.getMessage().contains("tiny-tok"), "the message must not echo the token");
  }

  @Test
  void matchesOnlyTheExactToken() {
    AdminToken token = new AdminToken("configured-token-0123456789", dataDir);

    assertTrue(token.matches("configured-token-0123456789"));
    assertFalse(token.matches("configured-token-012345678"));
    assertFalse(token.matches("configured-token-0123456789x"));
    assertFalse(token.matches(""));
    assertFalse(token.matches(null));
  }

  @Test
  void neverShowsTheTokenInToString() {
    AdminToken token = new AdminToken("configured-token-0123456789", dataDir);

    assertFalse(token.toString().contains("configured-token"), token.toString());
  }
}

package dev.switchboard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TokenFileImportTest: a data directory from before the {@code tokens} table keeps its scoped
 * tokens, and a corrupt file stops the start-up instead of dropping them.
 */
class TokenFileImportTest {

  private final Path dataDir = AuthTestSupport.createTempDataDir("token-file-import-test");
  private final Path file = dataDir.resolve(TokenFileImport.FILE_NAME);

  @AfterEach
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void importsTheTokenFileOnceAndRenamesIt() throws IOException {
    ScopedToken token = ScopedToken.generate();
    Files.writeString(
        file,
        """
        {"version": 1, "tokens": [{"id": "%s", "name": "ci", "projectIds": ["web", "api"],
         "shell": true, "createdAt": "2026-01-02T03:04:05Z", "sha256": "%s"}]}
        """
            .formatted(token.id(), token.hash()));

    try (ApplicationContext context = start()) {
      TokenStore tokens = context.getBean(TokenStore.class);
      assertEquals(
          Optional.of(new Caller(token.id(), false, Set.of("web", "api"), true)),
          tokens.authenticate(token.raw()));
      assertEquals("ci", tokens.find(token.id()).orElseThrow().name());
    }
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dataDir.resolve("tokens.json.imported")));

    try (ApplicationContext restarted = start()) {
      assertEquals(1, restarted.getBean(TokenStore.class).list().size());
    }
  }

  @Test
  void refusesToStartOnACorruptFileAndSaysHowToRecover() throws IOException {
    Files.writeString(file, "{not json");

    BeanInstantiationException e = assertThrows(BeanInstantiationException.class, this::start);

    Throwable cause = e;
    while (cause != null && !(cause instanceof ConfigurationException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, e.toString());
    assertTrue(
        cause.getMessage().contains("delete it to revoke every scoped token"), cause.getMessage());
    assertTrue(Files.exists(file), "the corrupt file must be kept for recovery");
  }

  private ApplicationContext start() {
    ApplicationContext context =
        ApplicationContext.run(
            Map.of("switchboard.data-dir", dataDir.toString(), "switchboard.db.url", ""), "test");
    try {
      context.getBean(DataDirectory.class);
      context.getBean(TokenStore.class);
      return context;
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }
}

package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.bearer;
import static dev.switchboard.server.auth.AuthTestSupport.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AdminTokenIT checks the admin token and sessions across server restarts on one data dir. */
class AdminTokenIT {

  private final Path dataDir = AuthTestSupport.createTempDataDir("admin-token-it");

  @AfterEach
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void generatedTokenIsStoredOwnerOnlyAndWorksAfterARestart() throws IOException {
    String token;
    String cookie;
    try (EmbeddedServer first = start(Map.of())) {
      Path file = dataDir.resolve(AdminToken.FILE_NAME);
      token = Files.readString(file);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(
          200, fetch(first.getURI(), "/api/auth/me", "Authorization", bearer(token)).statusCode());
      cookie = signIn(first, token);
    }

    try (EmbeddedServer second = start(Map.of())) {
      assertEquals(token, Files.readString(dataDir.resolve(AdminToken.FILE_NAME)));
      assertEquals(
          200, fetch(second.getURI(), "/api/auth/me", "Authorization", bearer(token)).statusCode());
      assertEquals(200, fetch(second.getURI(), "/api/auth/me", "Cookie", cookie).statusCode());
    }
  }

  @Test
  void configuredTokenWinsAndEndsSessionsOfTheOldToken() throws IOException {
    String stored;
    String cookie;
    try (EmbeddedServer first = start(Map.of())) {
      stored = Files.readString(dataDir.resolve(AdminToken.FILE_NAME));
      cookie = signIn(first, stored);
    }

    String configured = "configured-admin-token-0123456789";
    try (EmbeddedServer second = start(Map.of("switchboard.token", configured))) {
      assertEquals(
          200,
          fetch(second.getURI(), "/api/auth/me", "Authorization", bearer(configured)).statusCode());
      assertEquals(
          401,
          fetch(second.getURI(), "/api/auth/me", "Authorization", bearer(stored)).statusCode());
      assertEquals(401, fetch(second.getURI(), "/api/auth/me", "Cookie", cookie).statusCode());
    }
  }

  private EmbeddedServer start(Map<String, Object> extra) {
    Map<String, Object> properties = new java.util.HashMap<>(extra);
    properties.put("switchboard.data-dir", dataDir.toString());
    properties.put("micronaut.server.port", -1);
    return ApplicationContext.run(EmbeddedServer.class, properties, "test");
  }

  private static String signIn(EmbeddedServer server, String token) {
    return AuthTestSupport.send(
            server.getURI(),
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + token + "\"}",
            "Content-Type",
            "application/json")
        .headers()
        .firstValue("Set-Cookie")
        .orElseThrow()
        .split(";", 2)[0];
  }
}

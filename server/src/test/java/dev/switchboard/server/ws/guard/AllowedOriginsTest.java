package dev.switchboard.server.ws.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

  @Test
  void normalizesSchemeHostAndDefaultPort() {
    assertEquals(
        Optional.of("https://app.example.com:443"),
        AllowedOrigins.normalize("HTTPS://App.Example.com"));
    assertEquals(
        Optional.of("http://localhost:8080"), AllowedOrigins.normalize("http://localhost:8080"));
    assertEquals(Optional.empty(), AllowedOrigins.normalize("null"));
    assertEquals(Optional.empty(), AllowedOrigins.normalize("file://"));
    assertEquals(Optional.empty(), AllowedOrigins.normalize("http://user@localhost:8080"));
    assertEquals(Optional.empty(), AllowedOrigins.normalize("http://localhost:8080/x"));
  }

  @Test
  void allowsLoopbackOnTheServersPortOnly() {
    AllowedOrigins origins = new AllowedOrigins(List.of(), "127.0.0.1");
    assertTrue(origins.allows("http://127.0.0.1:8080", 8080));
    assertTrue(origins.allows("http://localhost:8080", 8080));
    assertTrue(origins.allows("http://[::1]:8080", 8080));
    assertFalse(origins.allows("http://localhost:8081", 8080));
    assertFalse(origins.allows("http://localhost", 8080));
  }

  @Test
  void allowsTheConfiguredServerHostButNotAWildcard() {
    assertTrue(
        new AllowedOrigins(List.of(), "switchboard.lan").allows("http://switchboard.lan:80", 80));
    assertFalse(new AllowedOrigins(List.of(), "0.0.0.0").allows("http://0.0.0.0:80", 80));
  }

  @Test
  void allowsConfiguredOriginsExactly() {
    AllowedOrigins origins = new AllowedOrigins(List.of("https://app.example.com"), null);
    assertTrue(origins.allows("https://app.example.com", 8080));
    assertFalse(origins.allows("http://app.example.com", 8080));
    assertFalse(origins.allows("https://app.example.com:8443", 8080));
    assertFalse(origins.allows("https://sub.app.example.com", 8080));
  }

  @Test
  void refusesAnInvalidConfiguredOriginAtStartUp() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AllowedOrigins(List.of("app.example.com"), null));
    assertTrue(error.getMessage().contains("scheme://host"));
  }
}

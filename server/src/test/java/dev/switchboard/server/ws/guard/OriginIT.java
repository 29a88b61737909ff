package dev.switchboard.server.ws.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Origin allow-list on WebSocket upgrades (issue 4): 403 before any 101. */
@MicronautTest
@Property(name = "switchboard.token", value = OriginIT.TOKEN)
@Property(name = "switchboard.ws.allowed-origins", value = "https://app.example.com")
class OriginIT {

  static final String TOKEN = "sb_origin-it-admin-token-0001";

  @Inject EmbeddedServer server;

  int upgrade(String path, String origin, String host, String token) throws IOException {
    Map<String, String> headers = new HashMap<>();
    headers.put("Origin", origin);
    if (host != null) {
      headers.put("Host", host);
    }
    headers.put("Authorization", token == null ? null : "Bearer " + token);
    try (RawWebSocket socket = RawWebSocket.open(server.getPort(), path, headers)) {
      return socket.status();
    }
  }

  int upgrade(String origin, String host) throws IOException {
    return upgrade("/ws", origin, host, TOKEN);
  }

  String own(String host) {
    return "http://" + host + ":" + server.getPort();
  }

  @Test
  void refusesAForeignOriginWhateverTheHostHeaderSays() throws IOException {
    assertEquals(403, upgrade("https://evil.example", null));
    assertEquals(403, upgrade("https://evil.example", "app.example.com"));
    assertEquals(403, upgrade("http://evil.example", "evil.example"));
    assertEquals(
        403,
        upgrade("http://evil.example:" + server.getPort(), "evil.example:" + server.getPort()));
  }

  @Test
  void refusesAForeignOriginBeforeAuthentication() throws IOException {
    assertEquals(403, upgrade("/ws", "https://evil.example", "app.example.com", null));
    assertEquals(403, upgrade("/ws", "https://evil.example", null, "sb_wrong-token-0000000"));
  }

  @Test
  void refusesOriginsThatOnlyLookLocal() throws IOException {
    assertEquals(403, upgrade("null", null));
    assertEquals(403, upgrade("http://127.0.0.1:1", null));
    assertEquals(403, upgrade("https://127.0.0.1:" + server.getPort() + "/path", null));
    assertEquals(403, upgrade("http://127.0.0.1.evil.example:" + server.getPort(), null));
  }

  @Test
  void refusesAForeignOriginOnEveryWebSocketPath() throws IOException {
    assertEquals(403, upgrade("/ws/shell/s1", "https://evil.example", "app.example.com", TOKEN));
  }

  @Test
  void acceptsTheServersOwnOrigins() throws IOException {
    assertEquals(101, upgrade(own("127.0.0.1"), null));
    assertEquals(101, upgrade(own("localhost"), "localhost:" + server.getPort()));
    assertEquals(101, upgrade(own("LOCALHOST"), "app.example.com"));
  }

  @Test
  void acceptsAConfiguredOrigin() throws IOException {
    assertEquals(101, upgrade("https://app.example.com", "app.example.com"));
    assertEquals(101, upgrade("https://app.example.com:443", "app.example.com"));
    assertEquals(403, upgrade("http://app.example.com", "app.example.com"));
  }

  @Test
  void acceptsClientsThatSendNoOrigin() throws IOException {
    assertEquals(101, upgrade(null, "app.example.com"));
  }
}

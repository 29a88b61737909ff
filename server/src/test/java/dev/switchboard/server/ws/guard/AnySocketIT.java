package dev.switchboard.server.ws.guard;

import static dev.switchboard.server.ws.guard.RawWebSocket.OP_BINARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.contract.error.CloseCode;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard covers every WebSocket, not only {@code /ws}: a socket under {@code /ws/**} (where the
 * shell socket will live) gets the same frame rules and Origin check.
 */
@MicronautTest
@Property(name = "spec.name", value = "AnySocketIT")
@Property(name = "switchboard.token", value = AnySocketIT.TOKEN)
class AnySocketIT {

  static final String TOKEN = "sb_any-socket-it-admin-token";

  @Inject EmbeddedServer server;

  /** An echo socket standing in for the shell socket. */
  @Requires(property = "spec.name", value = "AnySocketIT")
  @ServerWebSocket("/ws/test-echo/{id}")
  static final class EchoSocket {
    @OnMessage
    void onMessage(String text, WebSocketSession session) {
      session.sendSync(text);
    }

    @OnClose
    void onClose() {}
  }

  RawWebSocket open(Map<String, String> headers) throws IOException {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Authorization", "Bearer " + TOKEN);
    return RawWebSocket.open(server.getPort(), "/ws/test-echo/1", all);
  }

  @Test
  void appliesFrameRulesToEverySocket() throws IOException {
    try (RawWebSocket socket = open(Map.of())) {
      assertEquals(101, socket.status());
      socket.sendText("hello");
      assertEquals("hello", socket.awaitTextContaining("hello").text());
      socket.send(true, 0, OP_BINARY, new byte[] {1});
      assertEquals(CloseCode.UNSUPPORTED_DATA.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void appliesTheOriginCheckToEverySocket() throws IOException {
    try (RawWebSocket socket =
        open(Map.of("Origin", "https://evil.example", "Host", "app.example.com"))) {
      assertEquals(403, socket.status());
    }
  }
}

package dev.switchboard.server.autobahn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * AutobahnEchoSocket echoes every text message, which is what the Autobahn fuzzing client expects
 * of the server under test. It exists only in tests, and only when {@code
 * switchboard.autobahn.echo} is true ({@link AutobahnConformanceIT}), so that the suite exercises
 * the same WebSocket guard as {@code /ws} without the channel protocol in the way.
 */
@ServerWebSocket("/autobahn")
@Requires(property = "switchboard.autobahn.echo", value = "true")
final class AutobahnEchoSocket {

  /** Autobahn's largest messages (section 9) are 16 MiB. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  @OnMessage(maxPayloadLength = MAX_MESSAGE_BYTES)
  void onMessage(String message, WebSocketSession session) {
    session.sendAsync(message);
  }

  /** Declared because without it Micronaut left timed-out connections open. */
  @OnClose
  void onClose() {}
}

package dev.switchboard.server.autobahn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.server.ws.ConformanceEcho;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The conformance echo behind {@code /ws}, checked in the ordinary build so that the Autobahn run
 * does not find out minutes in: a client without credentials of its own is let in by {@link
 * AutobahnCredentials}, its fragments come back as one message with no {@code connected} before it,
 * and the frame guard still refuses binary frames.
 */
@MicronautTest
@Property(name = "switchboard.token", value = "sb_conformance-echo-it-token")
@Property(name = ConformanceEcho.PROPERTY, value = "true")
class ConformanceEchoIT {

  @Inject EmbeddedServer server;

  @Test
  void echoesAFragmentedMessageThroughTheWsUpgradeAndFrameJoining() throws Exception {
    Client client = new Client();
    WebSocket socket = client.connect(server.getPort());

    socket.sendText("{\"hello\": ", false).join();
    socket.sendText("\"wörld\"}", true).join();

    assertEquals("{\"hello\": \"wörld\"}", client.messages.poll(10, TimeUnit.SECONDS));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    assertEquals(WebSocket.NORMAL_CLOSURE, client.closed.get(10, TimeUnit.SECONDS));
  }

  @Test
  void theFrameRulesStillCloseABinaryMessageWith1003() throws Exception {
    Client client = new Client();
    WebSocket socket = client.connect(server.getPort());

    socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();

    assertEquals(1003, client.closed.get(10, TimeUnit.SECONDS));
  }

  /** A WebSocket client with no credentials, collecting whole text messages and the close code. */
  private static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    WebSocket connect(int port) {
      return HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
          .join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}

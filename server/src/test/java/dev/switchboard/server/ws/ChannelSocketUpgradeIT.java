package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.RawHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.channel.Channel;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code /ws} upgrade served by {@link ChannelSocketUpgrade}: what it answers to requests that
 * are not a usable upgrade, and what an upgraded socket keeps in its pipeline.
 */
@MicronautTest
@Property(name = "switchboard.token", value = ChannelSocketUpgradeIT.TOKEN)
class ChannelSocketUpgradeIT {

  static final String TOKEN = "sb_upgrade-it-admin-token-0001";

  @Inject EmbeddedServer server;
  @Inject ConnectionRegistry registry;

  @Test
  void answersAPlainGetWith400AndHowToOpenTheSocket() throws IOException {
    String response =
        exchange(
            "GET /ws HTTP/1.1",
            "Host: 127.0.0.1:" + server.getPort(),
            "Authorization: Bearer " + TOKEN);

    assertTrue(response.startsWith("HTTP/1.1 400"), response);
    assertTrue(response.contains("\"code\":\"bad_request\""), response);
    assertTrue(response.contains("open it as a WebSocket"), response);
  }

  @Test
  void answersAnUnsupportedVersionWith426NamingVersion13() throws IOException {
    String response =
        exchange(
            "GET /ws?client=old HTTP/1.1",
            "Host: 127.0.0.1:" + server.getPort(),
            "Authorization: Bearer " + TOKEN,
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 8");

    assertTrue(response.startsWith("HTTP/1.1 426"), response);
    assertTrue(response.toLowerCase().contains("sec-websocket-version: 13"), response);
  }

  @Test
  void leavesNoHttpHandlerOnAnUpgradedSocket() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(5_000);
      RawHttp.send(
          socket,
          "GET /ws HTTP/1.1",
          "Host: 127.0.0.1:" + server.getPort(),
          "Authorization: Bearer " + TOKEN,
          "Upgrade: websocket",
          "Connection: Upgrade",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
          "Sec-WebSocket-Version: 13");
      String head = RawHttp.readHead(socket.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 101"), head);

      Channel channel = awaitConnection(socket.getLocalPort()).channel();
      List<String> names = channel.pipeline().names();
      assertTrue(names.contains(ChannelSocketFrames.NAME), names.toString());
      for (String http :
          List.of(
              ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
              ChannelPipelineCustomizer.HANDLER_IDLE_STATE,
              ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
              ChannelSocketUpgrade.NAME)) {
        assertFalse(names.contains(http), http + " is still in " + names);
      }
    }
  }

  private Connection awaitConnection(int clientPort) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (Connection connection : registry.connections()) {
        if (connection.channel().remoteAddress() instanceof java.net.InetSocketAddress remote
            && remote.getPort() == clientPort) {
          return connection;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no connection from port " + clientPort);
  }

  private String exchange(String... lines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(5_000);
      RawHttp.send(socket, lines);
      // The server closes the connection after a refusal: read everything.
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}

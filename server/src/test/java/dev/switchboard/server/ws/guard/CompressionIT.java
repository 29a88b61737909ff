package dev.switchboard.server.ws.guard;

import static dev.switchboard.server.ws.guard.RawWebSocket.OP_TEXT;
import static dev.switchboard.server.ws.guard.RawWebSocket.RSV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate when enabled (issue 4): negotiated, but inflation is capped. */
@MicronautTest
@Property(name = "switchboard.token", value = CompressionIT.TOKEN)
@Property(name = "switchboard.ws.compression", value = "true")
class CompressionIT {

  static final String TOKEN = "sb_compression-it-admin-token";
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  @Inject EmbeddedServer server;

  RawWebSocket open() throws IOException {
    RawWebSocket socket =
        RawWebSocket.open(
            server.getPort(),
            "/ws",
            Map.of(
                "Authorization",
                "Bearer " + TOKEN,
                "Sec-WebSocket-Extensions",
                "permessage-deflate"));
    assertEquals(101, socket.status());
    assertTrue(
        String.valueOf(socket.header("sec-websocket-extensions")).contains("permessage-deflate"));
    return socket;
  }

  @Test
  void negotiatesDeflateAndServesCompressedCommands() throws Exception {
    try (RawWebSocket socket = open()) {
      String ping =
          "{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":7},\"ref\":\"z\"}";
      socket.send(true, RSV1, OP_TEXT, compress(ping.getBytes(StandardCharsets.UTF_8)));
      Inflater inflater = new Inflater(true);
      while (true) {
        RawWebSocket.Frame frame = socket.read();
        assertEquals(OP_TEXT, frame.opcode(), "closed with " + frame.closeCode());
        String text = frame.rsv() == RSV1 ? inflate(inflater, frame.payload()) : frame.text();
        if (text.contains("\"pong\"")) {
          assertTrue(text.contains("\"ref\":\"z\""), text);
          return;
        }
      }
    }
  }

  @Test
  void closesWith1009OnA50MibDeflateBomb() throws IOException {
    try (RawWebSocket socket = open()) {
      byte[] bomb = FrameRulesIT.deflate(50 * 1024 * 1024);
      assertTrue(bomb.length < FrameRulesIT.LIMIT, "bomb is " + bomb.length + " bytes");
      socket.send(true, RSV1, OP_TEXT, bomb);
      assertEquals(CloseCode.MESSAGE_TOO_BIG.code(), socket.awaitCloseCode());
    }
  }

  static byte[] compress(byte[] message) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(message);
    byte[] buffer = new byte[message.length + 64];
    int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
    deflater.end();
    // RFC 7692 §7.2.1: drop the 00 00 ff ff that ends a sync flush.
    return Arrays.copyOf(buffer, length - TAIL.length);
  }

  static String inflate(Inflater inflater, byte[] payload) throws DataFormatException {
    byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
    System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = inflater.inflate(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

package dev.switchboard.server.ws.guard;

import static dev.switchboard.server.ws.guard.RawWebSocket.OP_BINARY;
import static dev.switchboard.server.ws.guard.RawWebSocket.OP_CLOSE;
import static dev.switchboard.server.ws.guard.RawWebSocket.OP_CONTINUATION;
import static dev.switchboard.server.ws.guard.RawWebSocket.OP_TEXT;
import static dev.switchboard.server.ws.guard.RawWebSocket.RSV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Protocol-level regression tests for issue 4 (frame and message rules). They are the safety net
 * for the guard's dependency on Micronaut and Netty handler names: if a name changes, the guard is
 * not installed and these tests see Micronaut's lenient defaults instead of the close codes.
 */
@MicronautTest
@Property(name = "switchboard.token", value = FrameRulesIT.TOKEN)
class FrameRulesIT {

  static final String TOKEN = "sb_frame-rules-it-admin-token";
  static final int LIMIT = 65_536;

  @Inject EmbeddedServer server;

  RawWebSocket open(Map<String, String> headers) throws IOException {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("Authorization", "Bearer " + TOKEN);
    all.putAll(headers);
    RawWebSocket socket = RawWebSocket.open(server.getPort(), "/ws", all);
    assertEquals(101, socket.status());
    return socket;
  }

  RawWebSocket open() throws IOException {
    return open(Map.of());
  }

  /** A ping command of exactly {@code size} bytes, padded with a field the server ignores. */
  static byte[] pingOfSize(int size) {
    String head = "{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":1},";
    String ref = "\"ref\":\"big\",\"pad\":\"";
    String tail = "\"}";
    int padding = size - head.length() - ref.length() - tail.length();
    byte[] bytes = (head + ref + "x".repeat(padding) + tail).getBytes(StandardCharsets.UTF_8);
    assertEquals(size, bytes.length);
    return bytes;
  }

  static void sendInFragments(RawWebSocket socket, byte[] message, int fragments)
      throws IOException {
    int size = (message.length + fragments - 1) / fragments;
    for (int i = 0; i < fragments; i++) {
      byte[] part = Arrays.copyOfRange(message, i * size, Math.min(message.length, (i + 1) * size));
      socket.send(i == fragments - 1, 0, i == 0 ? OP_TEXT : OP_CONTINUATION, part);
    }
  }

  @Test
  void acceptsAMessageOfExactlyTheLimitAcrossThreeFragments() throws IOException {
    try (RawWebSocket socket = open()) {
      sendInFragments(socket, pingOfSize(LIMIT), 3);
      RawWebSocket.Frame pong = socket.awaitTextContaining("\"pong\"");
      assertTrue(pong.text().contains("\"ref\":\"big\""), pong.text());
    }
  }

  @Test
  void closesWith1009WhenFragmentsExceedTheLimitByOneByte() throws IOException {
    try (RawWebSocket socket = open()) {
      sendInFragments(socket, pingOfSize(LIMIT + 1), 3);
      assertEquals(CloseCode.MESSAGE_TOO_BIG.code(), socket.awaitCloseCode());
      assertTrue(socket.serverClosedTcp());
    }
  }

  @Test
  void closesWith1009OnASingle70KbFrame() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.send(true, 0, OP_TEXT, pingOfSize(70_000));
      assertEquals(CloseCode.MESSAGE_TOO_BIG.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void stopsReadingA12MbFragmentedMessageInsteadOfBufferingIt() throws Exception {
    try (RawWebSocket socket = open()) {
      byte[] fragment = new byte[60_000];
      Arrays.fill(fragment, (byte) 'x');
      AtomicInteger written = new AtomicInteger();
      CompletableFuture<Throwable> writer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    socket.send(i == 199, 0, i == 0 ? OP_TEXT : OP_CONTINUATION, fragment);
                    written.incrementAndGet();
                  }
                  return null;
                } catch (IOException e) {
                  return e;
                }
              });
      assertEquals(CloseCode.MESSAGE_TOO_BIG.code(), socket.awaitCloseCode());
      Throwable failure = writer.get(20, TimeUnit.SECONDS);
      // The server read two fragments, refused, stopped reading and dropped TCP: the rest of
      // the 12 MB could only sit in socket buffers until the writes failed.
      assertTrue(failure instanceof IOException, "writer finished all 200 fragments");
      assertTrue(written.get() < 200, "fragments written: " + written.get());
    }
  }

  @Test
  void closesWith1003OnABinaryFrame() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.send(true, 0, OP_BINARY, new byte[] {1, 2, 3});
      assertEquals(CloseCode.UNSUPPORTED_DATA.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void closesWith1007OnInvalidUtf8() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.send(true, 0, OP_TEXT, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
      assertEquals(CloseCode.INVALID_PAYLOAD.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void closesWith1007OnInvalidUtf8InALaterFragment() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.send(false, 0, OP_TEXT, "{\"a\":\"".getBytes(StandardCharsets.UTF_8));
      socket.send(true, 0, OP_CONTINUATION, new byte[] {(byte) 0xff, '"', '}'});
      assertEquals(CloseCode.INVALID_PAYLOAD.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void closesWith1002WhenRsv1IsSetWithoutANegotiatedExtension() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.send(true, RSV1, OP_TEXT, "{}".getBytes(StandardCharsets.UTF_8));
      assertEquals(CloseCode.PROTOCOL_ERROR.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void closesWith1002OnAnUnmaskedClientFrame() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.write(true, 0, OP_TEXT, "{}".getBytes(StandardCharsets.UTF_8), false);
      assertEquals(CloseCode.PROTOCOL_ERROR.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void doesNotNegotiatePermessageDeflateAndRefusesADeflateBomb() throws IOException {
    try (RawWebSocket socket =
        open(Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
      assertNull(socket.header("sec-websocket-extensions"));
      // 50 MiB of spaces deflate to about 50 KB: one frame under the limit, refused unread.
      socket.send(true, RSV1, OP_TEXT, deflate(50 * 1024 * 1024));
      assertEquals(CloseCode.PROTOCOL_ERROR.code(), socket.awaitCloseCode());
    }
  }

  @Test
  void answersTheClientsCloseWithACloseBeforeDroppingTcp() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.awaitTextContaining("\"connected\"");
      socket.send(true, 0, OP_CLOSE, new byte[] {0x03, (byte) 0xe8});
      RawWebSocket.Frame answer = socket.read();
      assertEquals(OP_CLOSE, answer.opcode());
      assertEquals(1000, answer.closeCode());
      assertTrue(socket.serverClosedTcp());
    }
  }

  static byte[] deflate(int uncompressedBytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] chunk = new byte[1024 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    for (int i = 0; i < uncompressedBytes / chunk.length; i++) {
      deflater.setInput(chunk);
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}

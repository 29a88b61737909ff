package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request refused before its body was read is answered, and the answer reaches the client whole,
 * however late the body comes: the server half-closes and drops the rest instead of resetting.
 */
@MicronautTest(transactional = false)
class LingeringCloseIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("switchboard.token", "sb_lingering-close-it-admin-token-01");
  }

  @Test
  void aBodySentAfterTheRefusalDoesNotResetTheAnswer() throws IOException {
    byte[] body = new byte[256 * 1024];
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(body.length).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      // The refusal comes before any of the body has been sent.
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      answer.write(in.read());
      out.write(body);
      out.flush();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      assertTrue(text.startsWith("HTTP/1.1 403"), text);
      assertTrue(text.contains("Origin"), "the refusal says why: " + text);
    }
  }

  @Test
  void aClientThatNeverClosesIsClosedAfterTheLingerTime() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(1_000_000).getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1000]);
      out.flush();
      long start = System.nanoTime() / 1_000_000;
      InputStream in = socket.getInputStream();
      byte[] answer = in.readAllBytes();
      assertTrue(new String(answer, StandardCharsets.UTF_8).startsWith("HTTP/1.1 403"));
      // The server's FIN ended the answer; the socket is still open for the body until the linger
      // time is up, then the server closes it and a write fails.
      long waitedMs = waitForServerClose(socket, 1, 50) - start;
      assertTrue(
          waitedMs >= LingeringClose.LINGER_MILLIS / 2 && waitedMs < 8_000,
          "closed after " + waitedMs + " ms");
    }
  }

  @Test
  void aBodyLargerThanTheDiscardLimitIsCutOff() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(64 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals('H', socket.getInputStream().read());
      long start = System.nanoTime() / 1_000_000;
      // Writing far more than the limit fails once the server has closed, well before the linger
      // time would have ended.
      long waitedMs = waitForServerClose(socket, 64 * 1024, 0) - start;
      assertTrue(waitedMs < LingeringClose.LINGER_MILLIS, "closed after " + waitedMs + " ms");
    }
  }

  private static String head(long contentLength) {
    return "POST /api/channels/session:lingering/events HTTP/1.1\r\n"
        + "Host: app.example.com\r\n"
        + "Origin: https://evil.example\r\n"
        + "Content-Type: application/json\r\n"
        + "Connection: close\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  /**
   * Writes {@code chunkBytes} every {@code pauseMs} until the server's close makes a write fail;
   * returns when, in milliseconds.
   */
  private static long waitForServerClose(Socket socket, int chunkBytes, long pauseMs) {
    byte[] chunk = new byte[chunkBytes];
    try {
      OutputStream out = socket.getOutputStream();
      while (true) {
        out.write(chunk);
        out.flush();
        try {
          Thread.sleep(pauseMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return System.nanoTime() / 1_000_000;
        }
      }
    } catch (IOException closed) {
      return System.nanoTime() / 1_000_000;
    }
  }
}

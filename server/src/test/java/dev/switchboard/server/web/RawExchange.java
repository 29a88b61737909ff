package dev.switchboard.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RawExchange is one hand-written HTTP/1.1 request and its whole answer. Unlike Java's HTTP client
 * it sends any {@code Host} (Micronaut's CORS filter answers a foreign Origin itself when the Host
 * is 127.0.0.1, so tests of our own rules send a real host name), no header it was not given, and
 * exactly the Content-Type a browser would.
 */
record RawExchange(int status, Map<String, List<String>> headers, String body) {

  /**
   * Sends {@code method path} with {@code headerLines} ("Name: value"; Host, Content-Length and
   * Connection are added) and {@code body} (none when null), and reads the answer to its end.
   */
  static RawExchange send(
      int port, String method, String path, String body, String... headerLines) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    boolean hasHost = false;
    for (String line : headerLines) {
      hasHost |= line.toLowerCase(Locale.ROOT).startsWith("host:");
      head.append(line).append("\r\n");
    }
    if (!hasHost) {
      head.append("Host: localhost:").append(port).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first value of a header (names are case-insensitive). */
  Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  private static RawExchange parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("No complete response head in: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
      body = dechunk(body);
    }
    return new RawExchange(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** The content of a chunked body (ISO-8859-1 keeps byte offsets and characters aligned). */
  private static byte[] dechunk(byte[] chunked) {
    String text = new String(chunked, StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }
}

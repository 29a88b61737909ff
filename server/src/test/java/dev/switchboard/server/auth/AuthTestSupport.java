package dev.switchboard.server.auth;

import dev.switchboard.server.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** AuthTestSupport holds the temp data directories and raw HTTP helpers the auth tests share. */
final class AuthTestSupport {

  static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AuthTestSupport() {}

  static Path createTempDataDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request; {@code headers} are name/value pairs; a null body sends none. */
  static HttpResponse<String> send(
      URI base, String method, String path, String body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> fetch(URI base, String path, String... headers) {
    return send(base, "GET", path, null, headers);
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  /**
   * Writes {@code request} (CRLF line ends are added) on a plain socket and returns the response
   * head, up to the blank line: what a client sees before any WebSocket frame.
   */
  static String rawExchange(int port, String... requestLines) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      RawHttp.send(socket, requestLines);
      return RawHttp.readHead(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request lines of a WebSocket upgrade to {@code path}, plus {@code extraHeaders}. */
  static String[] upgradeRequest(int port, String path, String... extraHeaders) {
    String[] base = {
      "GET " + path + " HTTP/1.1",
      "Host: 127.0.0.1:" + port,
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13"
    };
    String[] all = new String[base.length + extraHeaders.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extraHeaders, 0, all, base.length, extraHeaders.length);
    return all;
  }
}

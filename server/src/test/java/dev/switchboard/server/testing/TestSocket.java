package dev.switchboard.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * TestSocket is a real WebSocket client for integration tests: it collects every text frame as a
 * JSON tree and lets a test wait for the frame it expects.
 */
public final class TestSocket implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final JsonMapper mapper;
  private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private TestSocket(URI uri, String token, JsonMapper mapper) {
    this.mapper = mapper;
    this.socket =
        HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .connectTimeout(TIMEOUT)
            .buildAsync(uri, new Listener())
            .join();
  }

  /** Opens {@code /ws} on the local server with a Bearer token. */
  public static TestSocket connect(int port, String token, JsonMapper mapper) {
    return connect(port, "/ws", token, mapper);
  }

  /** Opens the WebSocket at {@code path} (e.g. {@code /ws/shell/<id>}) with a Bearer token. */
  public static TestSocket connect(int port, String path, String token, JsonMapper mapper) {
    return new TestSocket(URI.create("ws://127.0.0.1:" + port + path), token, mapper);
  }

  /** Sends one text frame. */
  public void send(String frame) {
    socket.sendText(frame, true).join();
  }

  /** Waits for the next frame matching the predicate, skipping (and keeping count of) others. */
  public JsonNode await(Predicate<JsonNode> predicate) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<JsonNode> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonNode frame = frames.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
        if (frame == null) {
          fail(
              "No matching frame within "
                  + TIMEOUT
                  + "; skipped "
                  + skipped.size()
                  + " frames, last: "
                  + (skipped.isEmpty() ? "none" : text(skipped.get(skipped.size() - 1))));
        }
        if (predicate.test(frame)) {
          return frame;
        }
        skipped.add(frame);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the next frame of this type, skipping others. */
  public JsonNode awaitType(String type) {
    return await(frame -> type.equals(frame.get("type").getStringValue()));
  }

  /** The next frame, whatever it is. */
  public JsonNode next() {
    return await(frame -> true);
  }

  /** The next frame, or null if none arrives within {@code timeout}. */
  public JsonNode poll(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Frames received and not yet consumed. */
  public int pending() {
    return frames.size();
  }

  /** Drops the TCP connection without a close handshake, as a network failure would. */
  public void abort() {
    socket.abort();
  }

  /** Completes with the close code the server sent (-1 on a transport error). */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  /** The frame as JSON text, for assertion messages. */
  public String text(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(mapper.readValue(partial.toString(), JsonNode.class));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
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

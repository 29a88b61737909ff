package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * ApiSocket is a minimal real WebSocket client for the REST tests (a trimmed copy of the ws
 * package's TestSocket, which is package-private): it queues every text frame as a JSON tree.
 */
final class ApiSocket implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final JsonMapper mapper;
  private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private ApiSocket(int port, String token, JsonMapper mapper) {
    this.mapper = mapper;
    this.socket =
        HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
            .join();
  }

  /** Connects and waits for {@code connected}. */
  static ApiSocket connect(int port, String token, JsonMapper mapper) {
    ApiSocket socket = new ApiSocket(port, token, mapper);
    socket.awaitType("connected");
    return socket;
  }

  /** Sends {@code subscribe}, with {@code since} when epoch is not null. */
  void subscribe(String channel, String epoch, long offset) {
    String since =
        epoch == null ? "" : ",\"since\":{\"epoch\":\"" + epoch + "\",\"offset\":" + offset + "}";
    socket
        .sendText(
            "{\"channel\":\"global\",\"type\":\"subscribe\",\"data\":{\"channel\":\""
                + channel
                + "\""
                + since
                + "}}",
            true)
        .join();
  }

  /** Waits for the next frame of this type, skipping others. */
  JsonNode awaitType(String type) {
    return await(frame -> type.equals(frame.get("type").getStringValue()));
  }

  /** Waits for the next frame matching the predicate, skipping others. */
  JsonNode await(Predicate<JsonNode> predicate) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (true) {
        JsonNode frame =
            frames.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        if (frame == null) {
          fail("No matching frame within " + TIMEOUT);
        }
        if (predicate.test(frame)) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame, or null if none arrives within {@code timeout}. */
  JsonNode poll(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
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
  }
}

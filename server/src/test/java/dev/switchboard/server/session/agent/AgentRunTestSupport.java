package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * AgentRunTestSupport drives the agent runner of a test server: projects and sessions over REST,
 * messages and cancels over a real WebSocket, and replies collected chunk by chunk.
 */
abstract class AgentRunTestSupport {

  static final String ADMIN_TOKEN = "sb_agent-run-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject TokenStore tokens;

  @TempDir Path projectDir;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(server.getPort(), mapper);
  }

  /** What one subscriber saw of a reply: its chunks in order, and its message_complete. */
  record Reply(List<JsonNode> chunks, JsonNode complete) {
    String text() {
      return chunks.stream()
          .map(chunk -> chunk.get("chunk").getStringValue())
          .collect(Collectors.joining());
    }

    long lastSeq() {
      return chunks.get(chunks.size() - 1).get("seq").getLongValue();
    }

    String status() {
      return complete.get("status").getStringValue();
    }
  }

  /**
   * Collects a reply's chunks until its message_complete; {@code firstSeq} -1 accepts any start.
   */
  Reply collectReply(TestSocket socket, String agentId, long firstSeq) {
    List<JsonNode> chunks = new ArrayList<>();
    long expected = firstSeq;
    while (true) {
      JsonNode frame = awaitOutputOrComplete(socket, agentId);
      if ("message_complete".equals(type(frame))) {
        return new Reply(chunks, frame.get("data"));
      }
      long seq = frame.get("data").get("seq").getLongValue();
      if (expected >= 0) {
        assertEquals(expected, seq, "chunks arrive in order, none missing or doubled");
      }
      expected = seq + 1;
      chunks.add(frame.get("data"));
    }
  }

  /** Collects a reply's chunks until their text contains {@code marker}. */
  Reply collectUntil(TestSocket socket, String agentId, String marker) {
    List<JsonNode> chunks = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (!text.toString().contains(marker)) {
      JsonNode frame = awaitOutputOrComplete(socket, agentId);
      assertEquals("stream_output", type(frame), "the reply ended before " + marker);
      assertEquals(chunks.size(), frame.get("data").get("seq").getLongValue());
      chunks.add(frame.get("data"));
      text.append(frame.get("data").get("chunk").getStringValue());
    }
    return new Reply(chunks, null);
  }

  JsonNode awaitOutputOrComplete(TestSocket socket, String agentId) {
    return socket.await(
        frame ->
            ("stream_output".equals(type(frame)) || "message_complete".equals(type(frame)))
                && agentId.equals(frame.get("data").get("messageId").getStringValue()));
  }

  JsonNode awaitComplete(TestSocket socket, String agentId) {
    return socket.await(
        frame ->
            "message_complete".equals(type(frame))
                && agentId.equals(frame.get("data").get("messageId").getStringValue()));
  }

  static JsonNode awaitCreated(TestSocket socket, String role) {
    return socket
        .await(
            frame ->
                "message_created".equals(type(frame))
                    && role.equals(frame.get("data").get("message").get("role").getStringValue()))
        .get("data")
        .get("message");
  }

  static List<ProcessHandle> awaitDescendants(ProcessHandle process, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> descendants = process.descendants().toList();
      if (descendants.size() >= count) {
        return descendants;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(process.pid() + " did not start " + count + " processes");
  }

  TestSocket subscribed(String channel, String token) {
    TestSocket socket = TestSocket.connect(server.getPort(), token, mapper);
    socket.send(Frames.subscribe(channel, "sub"));
    socket.awaitType("subscription_success");
    return socket;
  }

  String sendMessage(String sessionId, String text, String ref) {
    return "{\"channel\":\""
        + Channels.session(sessionId)
        + "\",\"type\":\"send_message\",\"data\":{\"text\":"
        + api.quote(text)
        + ",\"clientMessageId\":\"c-"
        + ref
        + "\"},\"ref\":\""
        + ref
        + "\"}";
  }

  static String cancel(String sessionId, String messageId, String ref) {
    return "{\"channel\":\""
        + Channels.session(sessionId)
        + "\",\"type\":\"cancel\",\"data\":{\"messageId\":\""
        + messageId
        + "\"},\"ref\":\""
        + ref
        + "\"}";
  }

  String createProject() {
    return createProject(api);
  }

  String createProject(ApiClient api) {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"agent\",\"path\":" + api.quote(projectDir.toString()) + "}",
            ADMIN_TOKEN);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response).get("id").getStringValue();
  }

  String createSession(String projectId) {
    return createSession(api, projectId);
  }

  String createSession(ApiClient api, String projectId) {
    HttpResponse<String> response =
        api.send("POST", "/api/projects/" + projectId + "/sessions", null, ADMIN_TOKEN);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response).get("id").getStringValue();
  }

  JsonNode snapshot(String sessionId) {
    return snapshot(api, sessionId);
  }

  JsonNode snapshot(ApiClient api, String sessionId) {
    HttpResponse<String> response =
        api.send("GET", "/api/sessions/" + sessionId, null, ADMIN_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    return api.json(response);
  }

  static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line " + i + "\n")
        .collect(Collectors.joining());
  }

  static String type(JsonNode frame) {
    return frame.get("type").getStringValue();
  }

  static String ref(JsonNode frame) {
    JsonNode ref = frame.get("ref");
    return ref == null ? null : ref.getStringValue();
  }
}

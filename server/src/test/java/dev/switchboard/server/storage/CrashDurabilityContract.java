package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.testing.ChildServer;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CrashDurabilityContract kills a server JVM with SIGKILL right after writes the API acknowledged,
 * restarts it on the same data, and finds every one of them; and after a crash in the middle of a
 * reply, finds the reply interrupted, flagged as possibly incomplete, with its output stored up to
 * at least one flush interval before the crash. A subclass names the database.
 */
abstract class CrashDurabilityContract {

  static final String ADMIN_TOKEN = "sb_crash-durability-admin";
  private static final int ROUNDS = 3;

  /** What the rounds wrote and must find again. */
  private record Written(
      List<String> projects,
      Map<String, String> titles,
      List<String> deletedSessions,
      List<String> tokens) {}

  private final JsonMapper mapper = JsonMapper.createDefault();

  /** Database properties of the crashing server, whose data survives its restarts. */
  abstract Map<String, String> database(Path dataDir);

  @Test
  void everyAcknowledgedWriteSurvivesSigkill(@TempDir Path root) throws Exception {
    Path dataDir = Files.createDirectories(root.resolve("data"));
    Written written =
        new Written(new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round < ROUNDS; round++) {
      try (ChildServer server = ChildServer.start(dataDir, properties(dataDir))) {
        ApiClient api = new ApiClient(server.port(), mapper);
        assertFound(api, written, round);
        write(api, written, round, dataDir);
        // SIGKILL the moment the last write was acknowledged: no shutdown, no background flush.
        server.crash();
      }
    }
    try (ChildServer server = ChildServer.start(dataDir, properties(dataDir))) {
      assertFound(new ApiClient(server.port(), mapper), written, ROUNDS);
    }
  }

  @Test
  void aReplyCutBySigkillIsInterruptedAndSaysItsOutputMayEndEarly(@TempDir Path root)
      throws Exception {
    Path dataDir = Files.createDirectories(root.resolve("data"));
    Map<String, String> properties = properties(dataDir);
    properties.put("switchboard.agent.flush-interval", "200ms");
    String sessionId;
    String storedBefore;
    String seenLive;
    List<ProcessHandle> orphans = List.of();
    try (ChildServer server = ChildServer.start(dataDir, properties)) {
      ApiClient api = new ApiClient(server.port(), mapper);
      String projectId = createProject(api, dataDir, "reply");
      sessionId = createSession(api, projectId, "reply");
      try (TestSocket socket = TestSocket.connect(server.port(), ADMIN_TOKEN, mapper)) {
        String channel = Channels.session(sessionId);
        socket.send(Frames.subscribe(channel, "sub"));
        socket.awaitType("subscription_success");
        socket.send(
            "{\"channel\": \""
                + channel
                + "\", \"type\": \"send_message\", \"data\": {\"text\": \"i=0; while [ $i -lt"
                + " 2000 ]; do echo line $i; i=$((i+1)); sleep 0.005; done\","
                + " \"clientMessageId\": \"c-1\"}}");
        StringBuilder live = new StringBuilder();
        while (!live.toString().contains("line 100\n")) {
          live.append(socket.awaitType("stream_output").get("data").get("chunk").getStringValue());
        }
        storedBefore = live.toString();
        // Two flush intervals: what was seen by now must be in the database, whatever happens.
        Thread.sleep(400);
        orphans = server.descendants();
        server.crash();
        for (JsonNode frame = socket.poll(Duration.ofSeconds(1));
            frame != null;
            frame = socket.poll(Duration.ofSeconds(1))) {
          if ("stream_output".equals(frame.get("type").getStringValue())) {
            live.append(frame.get("data").get("chunk").getStringValue());
          }
        }
        seenLive = live.toString();
      }
    } finally {
      orphans.forEach(ProcessHandle::destroyForcibly);
    }

    try (ChildServer server = ChildServer.start(dataDir, properties)) {
      ApiClient api = new ApiClient(server.port(), mapper);
      JsonNode reply =
          api.json(api.send("GET", "/api/sessions/" + sessionId, null, ADMIN_TOKEN))
              .get("messages")
              .get(1);
      String stored = reply.get("content").getStringValue();
      assertEquals("interrupted", reply.get("status").getStringValue());
      assertFalse(reply.get("outputComplete").getBooleanValue(), reply.toString());
      assertTrue(stored.startsWith(storedBefore), "stored output lost what was flushed");
      assertTrue(seenLive.startsWith(stored), "stored output is not what clients saw");
    }
  }

  private Map<String, String> properties(Path dataDir) {
    Map<String, String> properties = new HashMap<>(database(dataDir));
    properties.put("switchboard.token", ADMIN_TOKEN);
    return properties;
  }

  /** One round of acknowledged writes of every kind, recorded in {@code written}. */
  private void write(ApiClient api, Written written, int round, Path dataDir) {
    String projectId = createProject(api, dataDir, "round-" + round);
    written.projects().add(projectId);
    String kept = createSession(api, projectId, "kept " + round);
    String renamed = createSession(api, projectId, "before " + round);
    String deleted = createSession(api, projectId, "deleted " + round);
    written.titles().put(kept, "kept " + round);
    HttpResponse<String> token =
        api.send(
            "POST",
            "/api/tokens",
            "{\"name\": \"round " + round + "\", \"projectIds\": [\"" + projectId + "\"]}",
            ADMIN_TOKEN);
    assertEquals(201, token.statusCode(), token.body());
    written.tokens().add(api.json(token).get("id").getStringValue());
    HttpResponse<String> rename =
        api.send(
            "PATCH",
            "/api/sessions/" + renamed,
            "{\"title\": \"after " + round + "\"}",
            ADMIN_TOKEN);
    assertEquals(200, rename.statusCode(), rename.body());
    written.titles().put(renamed, "after " + round);
    HttpResponse<String> delete = api.send("DELETE", "/api/sessions/" + deleted, null, ADMIN_TOKEN);
    assertEquals(204, delete.statusCode(), delete.body());
    written.deletedSessions().add(deleted);
  }

  private void assertFound(ApiClient api, Written written, int round) {
    JsonNode projects = api.json(api.send("GET", "/api/projects", null, ADMIN_TOKEN));
    List<String> projectIds = ids(projects);
    assertTrue(projectIds.containsAll(written.projects()), "after crash " + round + ": projects");
    written
        .titles()
        .forEach(
            (sessionId, title) -> {
              HttpResponse<String> session =
                  api.send("GET", "/api/sessions/" + sessionId, null, ADMIN_TOKEN);
              assertEquals(200, session.statusCode(), "after crash " + round + ": " + sessionId);
              assertEquals(
                  title, api.json(session).get("session").get("title").getStringValue(), title);
            });
    for (String sessionId : written.deletedSessions()) {
      assertEquals(
          404,
          api.send("GET", "/api/sessions/" + sessionId, null, ADMIN_TOKEN).statusCode(),
          "after crash " + round + ": deleted session " + sessionId + " came back");
    }
    List<String> tokenIds = ids(api.json(api.send("GET", "/api/tokens", null, ADMIN_TOKEN)));
    assertTrue(tokenIds.containsAll(written.tokens()), "after crash " + round + ": tokens");
  }

  private String createProject(ApiClient api, Path dataDir, String name) {
    // Beside the data dir: a project inside it is refused.
    Path directory = dataDir.resolveSibling("project-" + name);
    assertTrue(directory.toFile().mkdirs() || directory.toFile().isDirectory());
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\": \"" + name + "\", \"path\": " + api.quote(directory.toString()) + "}",
            ADMIN_TOKEN);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response).get("id").getStringValue();
  }

  private static String createSession(ApiClient api, String projectId, String title) {
    HttpResponse<String> created =
        api.send(
            "POST",
            "/api/projects/" + projectId + "/sessions",
            "{\"title\": \"" + title + "\"}",
            ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    return api.json(created).get("id").getStringValue();
  }

  private static List<String> ids(JsonNode array) {
    return StreamSupport.stream(array.values().spliterator(), false)
        .map(node -> node.get("id").getStringValue())
        .toList();
  }
}

package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.session.MessageRepository;
import dev.switchboard.server.session.StoredMessage;
import dev.switchboard.server.storage.Ids;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions over REST: create, list, get with messages and stream position, rename and delete, each
 * change live on {@code project:<id>}, and scoped tokens kept to their projects' sessions.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = SessionControllerIT.ADMIN_TOKEN)
class SessionControllerIT {

  static final String ADMIN_TOKEN = "sb_session-controller-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject TokenStore tokens;
  @Inject ChannelPublisher publisher;
  @Inject MessageRepository messages;

  @TempDir Path temp;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(server.getPort(), mapper);
  }

  String createProject() {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"p\",\"path\":" + api.quote(temp.toString()) + "}",
            ADMIN_TOKEN);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response).get("id").getStringValue();
  }

  JsonNode createSession(String projectId, String body, String token) {
    HttpResponse<String> response =
        api.send("POST", "/api/projects/" + projectId + "/sessions", body, token);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response);
  }

  void publishOutput(String sessionId, long seq) {
    publisher.publish(
        new StreamOutputEvent(
            Channels.session(sessionId),
            new StreamOutputData("m-1", seq, "line " + seq + "\n", OutputStreamName.STDOUT)));
  }

  static String type(JsonNode frame) {
    return frame.get("type").getStringValue();
  }

  void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = api.json(response);
    assertEquals(code, error.get("code").getStringValue());
    String message = error.get("message").getStringValue();
    assertTrue(message.contains(messagePart), message);
  }

  @Test
  void createsListsRenamesAndDeletesSessions() {
    String projectId = createProject();
    JsonNode untitled = createSession(projectId, null, ADMIN_TOKEN);
    assertEquals("New session", untitled.get("title").getStringValue());
    assertEquals(projectId, untitled.get("projectId").getStringValue());
    assertEquals("idle", untitled.get("status").getStringValue());
    assertEquals(0, untitled.get("messageCount").getIntValue());
    JsonNode titled = createSession(projectId, "{\"title\":\" Fix the build \"}", ADMIN_TOKEN);
    assertEquals("Fix the build", titled.get("title").getStringValue());
    String id = titled.get("id").getStringValue();

    JsonNode listed =
        api.json(api.send("GET", "/api/projects/" + projectId + "/sessions", null, ADMIN_TOKEN));
    List<String> ids = new ArrayList<>();
    listed.values().forEach(node -> ids.add(node.get("id").getStringValue()));
    assertEquals(List.of(untitled.get("id").getStringValue(), id), ids);

    HttpResponse<String> renamed =
        api.send("PATCH", "/api/sessions/" + id, "{\"title\":\"Renamed\"}", ADMIN_TOKEN);
    assertEquals(200, renamed.statusCode(), renamed.body());
    assertEquals("Renamed", api.json(renamed).get("title").getStringValue());

    assertEquals(204, api.send("DELETE", "/api/sessions/" + id, null, ADMIN_TOKEN).statusCode());
    assertError(api.send("GET", "/api/sessions/" + id, null, ADMIN_TOKEN), 404, "not_found", id);
  }

  @Test
  void refusesBadTitlesAndUnknownProjects() {
    String projectId = createProject();
    String path = "/api/projects/" + projectId + "/sessions";
    assertError(
        api.send("POST", path, "{\"title\":\"" + "t".repeat(201) + "\"}", ADMIN_TOKEN),
        400,
        "bad_request",
        "use at most 200");
    assertError(api.send("POST", path, "{oops", ADMIN_TOKEN), 400, "bad_request", "title");
    assertError(
        api.send("POST", "/api/projects/nope/sessions", null, ADMIN_TOKEN),
        404,
        "not_found",
        "nope");
    assertError(
        api.send("GET", "/api/projects/nope/sessions", null, ADMIN_TOKEN),
        404,
        "not_found",
        "nope");

    String id = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    assertError(
        api.send("PATCH", "/api/sessions/" + id, "{}", ADMIN_TOKEN),
        400,
        "bad_request",
        "title is required");
    assertError(
        api.send("PATCH", "/api/sessions/missing", "{\"title\":\"x\"}", ADMIN_TOKEN),
        404,
        "not_found",
        "missing");
  }

  @Test
  void returnsTheSessionWithItsMessages() {
    String projectId = createProject();
    String id = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StoredMessage user =
        new StoredMessage(
            Ids.newId(),
            id,
            MessageRole.USER,
            "echo hi",
            MessageStatus.COMPLETED,
            "c-1",
            null,
            null,
            now,
            now,
            true);
    messages.save(user);

    JsonNode snapshot = api.json(api.send("GET", "/api/sessions/" + id, null, ADMIN_TOKEN));
    assertEquals(id, snapshot.get("session").get("id").getStringValue());
    assertEquals(1, snapshot.get("session").get("messageCount").getIntValue());
    JsonNode message = snapshot.get("messages").get(0);
    assertEquals(user.id(), message.get("id").getStringValue());
    assertEquals("user", message.get("role").getStringValue());
    assertEquals("echo hi", message.get("content").getStringValue());
    assertEquals("completed", message.get("status").getStringValue());
    assertEquals("c-1", message.get("clientMessageId").getStringValue());
    assertNull(message.get("exitCode"));
    assertEquals(0, snapshot.get("position").get("offset").getLongValue());
  }

  @Test
  void publishesEveryChangeOnTheProjectChannel() {
    String projectId = createProject();
    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      socket.send(Frames.subscribeSince(Channels.project(projectId), null, 0));
      socket.awaitType("subscription_success");

      JsonNode created = createSession(projectId, "{\"title\":\"live\"}", ADMIN_TOKEN);
      String id = created.get("id").getStringValue();
      JsonNode createdEvent = socket.awaitType("session_created");
      assertEquals(Channels.project(projectId), createdEvent.get("channel").getStringValue());
      assertEquals(created, createdEvent.get("data"));

      api.send("PATCH", "/api/sessions/" + id, "{\"title\":\"renamed\"}", ADMIN_TOKEN);
      JsonNode updated = socket.awaitType("session_updated");
      assertEquals("renamed", updated.get("data").get("title").getStringValue());

      api.send("DELETE", "/api/sessions/" + id, null, ADMIN_TOKEN);
      JsonNode deleted = socket.awaitType("session_deleted");
      assertEquals(id, deleted.get("data").get("sessionId").getStringValue());
      assertEquals(projectId, deleted.get("data").get("projectId").getStringValue());

      String survivor = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
      socket.awaitType("session_created");
      api.send("DELETE", "/api/projects/" + projectId, null, ADMIN_TOKEN);
      assertEquals(
          survivor,
          socket.awaitType("session_deleted").get("data").get("sessionId").getStringValue());
    }
  }

  @Test
  void snapshotPositionPlusSubscribeSinceLosesNothing() throws InterruptedException {
    String projectId = createProject();
    String id = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    for (long seq = 0; seq < 3; seq++) {
      publishOutput(id, seq);
    }

    JsonNode position =
        api.json(api.send("GET", "/api/sessions/" + id, null, ADMIN_TOKEN)).get("position");
    assertEquals(3, position.get("offset").getLongValue());
    // Events published between the snapshot and the subscription.
    publishOutput(id, 3);
    publishOutput(id, 4);

    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      socket.send(
          Frames.subscribeSince(
              Channels.session(id),
              position.get("epoch").getStringValue(),
              position.get("offset").getLongValue()));
      JsonNode success = socket.awaitType("subscription_success").get("data");
      assertTrue(success.get("recovered").getBooleanValue());
      publishOutput(id, 5);

      List<Long> offsets = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode event = socket.awaitType("stream_output");
        offsets.add(event.get("offset").getLongValue());
        seqs.add(event.get("data").get("seq").getLongValue());
      }
      assertEquals(List.of(4L, 5L, 6L), offsets);
      assertEquals(List.of(3L, 4L, 5L), seqs);
      JsonNode extra = socket.poll(Duration.ofMillis(200));
      assertNull(extra, () -> "no duplicate, got " + extra);
    }
  }

  @Test
  void aDeletedSessionsChannelIsRefusedThoughItsOwnerWasLookedUpBefore() {
    String projectId = createProject();
    String deletedAlone = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    String deletedWithProject =
        createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      // Looked up (and remembered) once each...
      for (String id : List.of(deletedAlone, deletedWithProject)) {
        socket.send(Frames.subscribe(Channels.session(id), "s-" + id));
        socket.awaitType("subscription_success");
        socket.send(Frames.unsubscribe(Channels.session(id)));
        socket.awaitType("unsubscribed");
      }

      // ...then deleted: by itself, and with its project.
      assertEquals(
          204, api.send("DELETE", "/api/sessions/" + deletedAlone, null, ADMIN_TOKEN).statusCode());
      assertEquals(
          204, api.send("DELETE", "/api/projects/" + projectId, null, ADMIN_TOKEN).statusCode());

      for (String id : List.of(deletedAlone, deletedWithProject)) {
        socket.send(Frames.subscribe(Channels.session(id), "again-" + id));
        JsonNode refused = socket.awaitType("subscription_error").get("data");
        assertEquals(Channels.session(id), refused.get("channel").getStringValue());
        assertEquals("not_found", refused.get("code").getStringValue());
      }
    }
  }

  @Test
  void scopedTokensReachOnlySessionsOfTheirProjects() {
    String mine = createProject();
    String other = createProject();
    String token = tokens.create("scoped", Set.of(mine), false).token();
    String mySession = createSession(mine, null, token).get("id").getStringValue();
    String otherSession = createSession(other, null, ADMIN_TOKEN).get("id").getStringValue();

    assertEquals(200, api.send("GET", "/api/sessions/" + mySession, null, token).statusCode());
    assertError(
        api.send("GET", "/api/sessions/" + otherSession, null, token), 403, "forbidden", other);
    assertError(
        api.send("PATCH", "/api/sessions/" + otherSession, "{\"title\":\"x\"}", token),
        403,
        "forbidden",
        other);
    assertEquals(
        403, api.send("DELETE", "/api/sessions/" + otherSession, null, token).statusCode());
    assertEquals(
        403, api.send("POST", "/api/projects/" + other + "/sessions", null, token).statusCode());
    assertEquals(
        403, api.send("GET", "/api/projects/" + other + "/sessions", null, token).statusCode());
    // A missing session is not revealed to a scoped token.
    assertEquals(403, api.send("GET", "/api/sessions/missing", null, token).statusCode());

    try (TestSocket socket = TestSocket.connect(server.getPort(), token, mapper)) {
      socket.send(Frames.subscribeSince(Channels.session(mySession), null, 0));
      assertEquals(
          Channels.session(mySession),
          socket.awaitType("subscription_success").get("data").get("channel").getStringValue());
      socket.send(Frames.subscribeSince(Channels.session(otherSession), null, 0));
      JsonNode refused = socket.awaitType("subscription_error").get("data");
      assertEquals(Channels.session(otherSession), refused.get("channel").getStringValue());
      assertEquals("forbidden", refused.get("code").getStringValue());
    }
  }

  StoredMessage storeReply(String sessionId, String content) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return messages.save(
        new StoredMessage(
            Ids.newId(),
            sessionId,
            MessageRole.AGENT,
            content,
            MessageStatus.COMPLETED,
            null,
            null,
            0,
            now,
            now,
            true));
  }

  @Test
  void downloadsAReplysStoredOutputAsATextFile() {
    String projectId = createProject();
    String sessionId = createSession(projectId, null, ADMIN_TOKEN).get("id").getStringValue();
    String content = "line number 1\nligne numéro 2 ✓\n";
    StoredMessage reply = storeReply(sessionId, content);
    String path = "/api/sessions/" + sessionId + "/messages/" + reply.id() + "/output";

    HttpResponse<String> response = api.send("GET", path, null, ADMIN_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(content, response.body());
    assertEquals(
        "text/plain;charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
    assertTrue(
        response
            .headers()
            .firstValue("Content-Disposition")
            .orElseThrow()
            .contains("attachment; filename=\"reply-" + reply.id() + ".txt\""),
        response.headers().map().toString());

    assertError(
        api.send("GET", "/api/sessions/" + sessionId + "/messages/nope/output", null, ADMIN_TOKEN),
        404,
        "not_found",
        "nope");
    assertError(
        api.send(
            "GET", "/api/sessions/missing/messages/" + reply.id() + "/output", null, ADMIN_TOKEN),
        404,
        "not_found",
        "missing");
  }

  /** Issue 20: the download is authorised exactly like the session it belongs to. */
  @Test
  void aTokenForAnotherProjectOrSessionCannotDownloadAReply() {
    String mine = createProject();
    String other = createProject();
    String token = tokens.create("scoped", Set.of(mine), false).token();
    String mySession = createSession(mine, null, token).get("id").getStringValue();
    String otherSession = createSession(other, null, ADMIN_TOKEN).get("id").getStringValue();
    StoredMessage myReply = storeReply(mySession, "mine\n");
    StoredMessage otherReply = storeReply(otherSession, "secret\n");

    HttpResponse<String> own =
        api.send(
            "GET",
            "/api/sessions/" + mySession + "/messages/" + myReply.id() + "/output",
            null,
            token);
    assertEquals(200, own.statusCode(), own.body());
    assertEquals("mine\n", own.body());

    // Another project's session: refused like the session itself.
    HttpResponse<String> refused =
        api.send(
            "GET",
            "/api/sessions/" + otherSession + "/messages/" + otherReply.id() + "/output",
            null,
            token);
    assertError(refused, 403, "forbidden", other);
    assertTrue(!refused.body().contains("secret"), refused.body());
    // Another session's reply asked for through a session the token covers: not found there.
    HttpResponse<String> viaOwnSession =
        api.send(
            "GET",
            "/api/sessions/" + mySession + "/messages/" + otherReply.id() + "/output",
            null,
            token);
    assertError(viaOwnSession, 404, "not_found", otherReply.id());
    assertTrue(!viaOwnSession.body().contains("secret"), viaOwnSession.body());
    // A missing session is not revealed to a scoped token.
    assertEquals(
        403,
        api.send(
                "GET", "/api/sessions/missing/messages/" + otherReply.id() + "/output", null, token)
            .statusCode());
    // Without a token at all: 401.
    assertEquals(
        401,
        api.send(
                "GET",
                "/api/sessions/" + mySession + "/messages/" + myReply.id() + "/output",
                null,
                null)
            .statusCode());
  }
}

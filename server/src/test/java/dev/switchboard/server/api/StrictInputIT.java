package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict input, over REST and the socket: a field of the wrong JSON type is a 400 (or {@code
 * bad_request}) naming it instead of a coerced value, every stored string is checked against its
 * maximum before storage (never {@code internal}), and names, titles and ids refuse control and
 * bidirectional formatting characters.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = StrictInputIT.ADMIN_TOKEN)
class StrictInputIT {

  static final String ADMIN_TOKEN = "sb_strict-input-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;

  @TempDir Path temp;
  ApiClient api;
  String projectId;

  @BeforeEach
  void project() {
    api = new ApiClient(server.getPort(), mapper);
    HttpResponse<String> created =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"p\",\"path\":" + api.quote(temp.toString()) + "}",
            ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    projectId = api.json(created).get("id").getStringValue();
  }

  @Test
  void refusesFieldsOfTheWrongJsonTypeNamingThem() {
    assertBadRequest(
        api.send("POST", sessions(), "{\"title\": 123}", ADMIN_TOKEN),
        "\"title\" must be a string, not the number 123");
    assertBadRequest(
        api.send("POST", "/api/tokens", "{\"name\": \"ci\", \"shell\": \"yes\"}", ADMIN_TOKEN),
        "\"shell\" must be a boolean, not a string");
    assertBadRequest(
        api.send("POST", "/api/tokens", "{\"name\": \"ci\", \"projectIds\": \"p\"}", ADMIN_TOKEN),
        "\"projectIds\" must be an array");
    assertBadRequest(
        api.send("POST", "/api/tokens", "{\"name\": \"ci\", \"projectIds\": [7]}", ADMIN_TOKEN),
        "\"projectIds[0]\" must be a string");
    assertBadRequest(
        api.send("POST", "/api/projects", "{\"name\": [\"p\"], \"path\": \"/\"}", ADMIN_TOKEN),
        "\"name\" must be a string, not an array");
    assertBadRequest(
        api.send("POST", shells(), "{\"cols\": \"80\"}", ADMIN_TOKEN),
        "\"cols\" must be an integer, not a string");
    assertBadRequest(
        api.send("POST", shells(), "{\"cols\": 80.5}", ADMIN_TOKEN), "\"cols\" must be an integer");
    assertBadRequest(api.send("POST", sessions(), "[1]", ADMIN_TOKEN), "Send JSON like");
  }

  @Test
  void refusesControlAndBidiCharactersInNamesAndTitles() {
    assertBadRequest(
        api.send("POST", sessions(), "{\"title\": \"a\\u0000b\"}", ADMIN_TOKEN),
        "title contains a control character (U+0000) at position 1");
    assertBadRequest(
        api.send("POST", sessions(), "{\"title\": \"invoice \\u202Efdp.exe\"}", ADMIN_TOKEN),
        "title contains a bidirectional formatting character (U+202E)");
    String sessionId =
        api.json(api.send("POST", sessions(), "{\"title\": \"ok\"}", ADMIN_TOKEN))
            .get("id")
            .getStringValue();
    assertBadRequest(
        api.send("PATCH", "/api/sessions/" + sessionId, "{\"title\": \"a\\nb\"}", ADMIN_TOKEN),
        "U+000A");
    assertBadRequest(
        api.send(
            "POST",
            "/api/projects",
            "{\"name\": \"\\u2066p\", \"path\": " + api.quote(temp.toString()) + "}",
            ADMIN_TOKEN),
        "name contains a bidirectional formatting character (U+2066)");
    assertBadRequest(
        api.send("POST", "/api/tokens", "{\"name\": \"ci\\u0007\"}", ADMIN_TOKEN),
        "name contains a control character (U+0007)");
    assertBadRequest(
        api.send("POST", sessions(), "{\"title\": \"" + "t".repeat(201) + "\"}", ADMIN_TOKEN),
        "title has 201 characters: use at most 200");
  }

  @Test
  void refusesBadSendMessageFieldsAsBadRequestsNeverInternal() {
    String sessionId =
        api.json(api.send("POST", sessions(), null, ADMIN_TOKEN)).get("id").getStringValue();
    String channel = Channels.session(sessionId);
    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      socket.send(Frames.subscribe(channel, "sub"));
      socket.awaitType("subscription_success");

      assertRefused(
          socket, channel, "\"echo\"", api.quote("c".repeat(200)), "at most 128", "long-id");
      assertRefused(socket, channel, "123", "\"c-1\"", "\"data.text\" must be a string", "number");
      assertRefused(socket, channel, "\"echo\"", "true", "\"data.clientMessageId\"", "bool-id");
      assertRefused(socket, channel, "\"echo\\u0000\"", "\"c-2\"", "U+0000", "nul");
      assertRefused(socket, channel, "\"echo\"", "\"c\\u202E\"", "U+202E", "bidi-id");
    }
  }

  private void assertRefused(
      TestSocket socket, String channel, String text, String id, String expected, String ref) {
    socket.send(
        "{\"channel\":\""
            + channel
            + "\",\"type\":\"send_message\",\"data\":{\"text\":"
            + text
            + ",\"clientMessageId\":"
            + id
            + "},\"ref\":\""
            + ref
            + "\"}");
    JsonNode error =
        socket.await(
            frame ->
                "error".equals(frame.get("type").getStringValue())
                    && frame.get("ref") != null
                    && ref.equals(frame.get("ref").getStringValue()));
    assertEquals("bad_request", error.get("data").get("code").getStringValue(), error.toString());
    String message = error.get("data").get("message").getStringValue();
    assertTrue(message.contains(expected), message);
  }

  private void assertBadRequest(HttpResponse<String> response, String expected) {
    assertEquals(400, response.statusCode(), response.body());
    JsonNode body = api.json(response);
    assertEquals("bad_request", body.get("code").getStringValue(), response.body());
    String message = body.get("message").getStringValue();
    assertTrue(message.contains(expected), message);
  }

  private String sessions() {
    return "/api/projects/" + projectId + "/sessions";
  }

  private String shells() {
    return "/api/projects/" + projectId + "/shells";
  }
}

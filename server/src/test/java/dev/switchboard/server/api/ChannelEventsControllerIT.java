package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.channel.ChannelHub;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ChannelEventsControllerIT.ADMIN_TOKEN)
class ChannelEventsControllerIT {

  static final String ADMIN_TOKEN = "sb_channel-events-it-admin";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelHub hub;
  @Inject TokenStore tokens;

  HttpResponse<String> post(String channel, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.getPort()
                        + "/api/channels/"
                        + channel
                        + "/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return mapper.readValue(response.body(), JsonNode.class);
  }

  static final String OUTPUT =
      "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,\"chunk\":\"hi\\n\","
          + "\"stream\":\"stdout\"}}";

  @Test
  void publishesAValidEventAndAnswersWithItsOffset() throws Exception {
    HttpResponse<String> first = post("session:pub", OUTPUT, ADMIN_TOKEN);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("session:pub", json(first).get("channel").getStringValue());
    assertEquals(1, json(first).get("offset").getLongValue());
    HttpResponse<String> second = post("session:pub", OUTPUT, ADMIN_TOKEN);
    assertEquals(2, json(second).get("offset").getLongValue());
    assertEquals(
        json(first).get("epoch").getStringValue(), json(second).get("epoch").getStringValue());
    assertEquals(2, hub.position(ChannelName.parse("session:pub")).offset());
  }

  @Test
  void validatesTheEventAgainstTheChannelsFamily() throws Exception {
    HttpResponse<String> unknown =
        post("session:pub-bad", "{\"type\":\"session_created\",\"data\":{}}", ADMIN_TOKEN);
    assertEquals(400, unknown.statusCode());
    assertEquals("unknown_type", json(unknown).get("code").getStringValue());
    assertTrue(json(unknown).get("message").getStringValue().contains("stream_output"));

    HttpResponse<String> bad =
        post("session:pub-bad", "{\"type\":\"stream_output\",\"data\":{\"seq\":1}}", ADMIN_TOKEN);
    assertEquals(400, bad.statusCode());
    assertEquals("bad_request", json(bad).get("code").getStringValue());

    HttpResponse<String> notJson = post("session:pub-bad", "{oops", ADMIN_TOKEN);
    assertEquals("bad_request", json(notJson).get("code").getStringValue());
    assertTrue(json(notJson).get("message").getStringValue().contains("not valid JSON"));

    HttpResponse<String> notObject = post("session:pub-bad", "[1]", ADMIN_TOKEN);
    assertEquals(400, notObject.statusCode());
    assertTrue(json(notObject).get("message").getStringValue().contains("must be a JSON object"));

    HttpResponse<String> named =
        post(
            "session:pub-bad",
            "{\"channel\":\"session:other\",\"type\":\"stream_output\",\"data\":{}}",
            ADMIN_TOKEN);
    assertEquals(400, named.statusCode());
    assertTrue(json(named).get("message").getStringValue().contains("the path names it"));

    HttpResponse<String> noData =
        post("session:pub-bad", "{\"type\":\"stream_output\"}", ADMIN_TOKEN);
    assertEquals(400, noData.statusCode());
    assertTrue(json(noData).get("message").getStringValue().contains("\"data\" must be"));

    HttpResponse<String> shell =
        post("shell:x", "{\"type\":\"output\",\"data\":{\"data\":\"\"}}", ADMIN_TOKEN);
    assertEquals(400, shell.statusCode());
    assertEquals("invalid_channel", json(shell).get("code").getStringValue());

    HttpResponse<String> invalid = post("session:a%20b", OUTPUT, ADMIN_TOKEN);
    assertEquals("invalid_channel", json(invalid).get("code").getStringValue());

    assertEquals(
        0, hub.position(ChannelName.parse("session:pub-bad")).offset(), "nothing was published");
  }

  @Test
  void refusesAnEventOverThePublishLimitWith413NamingTheLimit() throws Exception {
    String chunk = "é".repeat(40_000); // 40,000 chars, 80,000 UTF-8 bytes
    HttpResponse<String> tooLarge =
        post(
            "session:pub-large",
            "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,"
                + "\"chunk\":\""
                + chunk
                + "\",\"stream\":\"stdout\"}}",
            ADMIN_TOKEN);

    assertEquals(413, tooLarge.statusCode(), tooLarge.body());
    assertEquals("payload_too_large", json(tooLarge).get("code").getStringValue());
    assertTrue(json(tooLarge).get("message").getStringValue().contains("65536 bytes"));
    assertEquals(
        0, hub.position(ChannelName.parse("session:pub-large")).offset(), "nothing was published");
  }

  @Test
  void needsTheAdminToken() throws Exception {
    assertEquals(401, post("session:pub-auth", OUTPUT, null).statusCode());
    String scoped = tokens.create("publisher", Set.of("p1"), false).token();
    HttpResponse<String> forbidden = post("session:pub-auth", OUTPUT, scoped);
    assertEquals(403, forbidden.statusCode());
    assertEquals("forbidden", json(forbidden).get("code").getStringValue());
  }
}

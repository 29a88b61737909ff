package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ForgeryFixture is a server seen from a browser: a project, the admin's session cookie, and the
 * requests an attacker's page would like to make with it, for the cross-site request tests.
 */
final class ForgeryFixture {

  static final String ADMIN_TOKEN = "sb_unsafe-request-it-admin-token-01";
  static final String CONFIGURED_ORIGIN = "https://app.example.com";
  static final String JSON = "Content-Type: application/json";

  /** A session channel event, as a backend (or a forger) would publish it. */
  static final String OUTPUT =
      "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,"
          + "\"chunk\":\"forged\\n\",\"stream\":\"stdout\"}}";

  /** One state-changing request of the API, and the status that says it worked. */
  record Target(String method, String path, String body, int okStatus) {}

  private final int port;
  private final JsonMapper json;
  final String projectId;
  final String cookie;

  ForgeryFixture(int port, JsonMapper json) {
    this.port = port;
    this.json = json;
    this.projectId = createProject();
    this.cookie = signIn();
  }

  /** The requests the measured attack got through: channel events, tokens, shells. */
  List<Target> targets(String channel) {
    return List.of(
        new Target("POST", "/api/channels/" + channel + "/events", OUTPUT, 200),
        new Target("POST", "/api/tokens", "{\"name\":\"forged\",\"shell\":true}", 201),
        new Target(
            "POST", "/api/projects/" + projectId + "/shells", "{\"cols\":80,\"rows\":24}", 201));
  }

  /** This server's own origin as a browser on localhost sees it. */
  String ownOrigin() {
    return "http://localhost:" + port;
  }

  RawExchange withCookie(Target target, String... headers) {
    return send(target.method(), target.path(), target.body(), with(headers, "Cookie: " + cookie));
  }

  RawExchange withBearer(Target target, String... headers) {
    return send(
        target.method(),
        target.path(),
        target.body(),
        with(headers, "Authorization: Bearer " + ADMIN_TOKEN));
  }

  RawExchange send(String method, String path, String body, String... headers) {
    return RawExchange.send(port, method, path, body, headers);
  }

  JsonNode json(RawExchange exchange) {
    try {
      return json.readValue(exchange.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends what a request that worked started (a shell runs until deleted). */
  void cleanUp(RawExchange created) {
    JsonNode body = json(created);
    if (body.get("socketPath") != null) {
      RawExchange deleted =
          send(
              "DELETE",
              "/api/shells/" + body.get("id").getStringValue(),
              null,
              "Authorization: Bearer " + ADMIN_TOKEN);
      assertEquals(204, deleted.status(), deleted.body());
    }
  }

  /** The offset the next event on {@code channel} gets: 1 if nothing was ever published there. */
  long nextOffset(String channel) {
    RawExchange published =
        send(
            "POST",
            "/api/channels/" + channel + "/events",
            OUTPUT,
            JSON,
            "Authorization: Bearer " + ADMIN_TOKEN);
    assertEquals(200, published.status(), published.body());
    return json(published).get("offset").getLongValue();
  }

  /** A new project of the admin's, in a new directory; its id. */
  String createProject() {
    try {
      Path dir = Files.createTempDirectory("unsafe-request-it");
      dir.toFile().deleteOnExit();
      RawExchange created =
          send(
              "POST",
              "/api/projects",
              "{\"name\":\"csrf\",\"path\":" + json.writeValueAsString(dir.toString()) + "}",
              JSON,
              "Authorization: Bearer " + ADMIN_TOKEN);
      assertEquals(201, created.status(), created.body());
      return json(created).get("id").getStringValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String signIn() {
    RawExchange signedIn =
        send(
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + ADMIN_TOKEN + "\"}",
            JSON,
            "Origin: " + ownOrigin());
    assertEquals(204, signedIn.status(), signedIn.body());
    return signedIn.header("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private static String[] with(String[] headers, String extra) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.add(extra);
    return all.toArray(String[]::new);
  }
}

package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.ADMIN_TOKEN;
import static dev.switchboard.server.auth.AuthTestSupport.bearer;
import static dev.switchboard.server.auth.AuthTestSupport.fetch;
import static dev.switchboard.server.auth.AuthTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** TokenControllerIT checks creating, listing and revoking scoped tokens over REST. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenControllerIT implements TestPropertyProvider {

  private final Path dataDir = AuthTestSupport.createTempDataDir("token-controller-it");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("switchboard.data-dir", dataDir.toString(), "switchboard.token", ADMIN_TOKEN);
  }

  @AfterAll
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void adminCreatesATokenAndSeesItOnce() throws IOException {
    HttpResponse<String> created =
        create("{\"name\":\"ci\",\"projectIds\":[\"web\",\"api-2\"],\"shell\":true}");

    assertEquals(201, created.statusCode());
    Map<String, Object> body = map(created.body());
    String id = (String) body.get("id");
    assertEquals("ci", body.get("name"));
    assertEquals(List.of("api-2", "web"), body.get("projectIds"));
    assertEquals(true, body.get("shell"));
    assertTrue(((String) body.get("token")).startsWith("sbt_" + id + "_"), created.body());

    HttpResponse<String> listed = asAdmin("GET", "/api/tokens", null);
    assertEquals(200, listed.statusCode());
    assertTrue(listed.body().contains(id), listed.body());
    assertFalse(listed.body().contains((String) body.get("token")), "list leaks the token");
    assertFalse(listed.body().contains("sha256"), "list leaks the hash");
  }

  @Test
  void createdTokenAuthenticatesAsItsScope() throws IOException {
    Map<String, Object> created =
        map(create("{\"name\":\"scoped\",\"projectIds\":[\"web\"]}").body());

    HttpResponse<String> me =
        fetch(base(), "/api/auth/me", "Authorization", bearer((String) created.get("token")));

    assertEquals(200, me.statusCode());
    Map<String, Object> caller = map(me.body());
    assertEquals(created.get("id"), caller.get("tokenId"));
    assertEquals(false, caller.get("admin"));
    assertEquals(List.of("web"), caller.get("projectIds"));
    assertEquals(false, caller.get("shell"));
  }

  @Test
  void revokedTokenIsUnauthorizedForBearerAndCookie() throws IOException {
    Map<String, Object> created =
        map(create("{\"name\":\"doomed\",\"projectIds\":[\"web\"]}").body());
    String token = (String) created.get("token");
    HttpResponse<String> signIn =
        send(
            base(),
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + token + "\"}",
            "Content-Type",
            "application/json");
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

    HttpResponse<String> revoked = asAdmin("DELETE", "/api/tokens/" + created.get("id"), null);

    assertEquals(204, revoked.statusCode());
    assertEquals(401, fetch(base(), "/api/auth/me", "Authorization", bearer(token)).statusCode());
    assertEquals(401, fetch(base(), "/api/auth/me", "Cookie", cookie).statusCode());
    assertFalse(asAdmin("GET", "/api/tokens", null).body().contains((String) created.get("id")));
  }

  @Test
  void revokingAnUnknownIdIsNotFound() throws IOException {
    HttpResponse<String> response = asAdmin("DELETE", "/api/tokens/0123456789abcdef", null);

    assertEquals(404, response.statusCode());
    assertEquals("not_found", map(response.body()).get("code"));
  }

  @Test
  void scopedTokenIsForbiddenFromManagingTokens() throws IOException {
    String scoped =
        (String)
            map(create("{\"name\":\"not-admin\",\"projectIds\":[\"web\"],\"shell\":true}").body())
                .get("token");

    for (String[] request :
        List.of(
            new String[] {"GET", "/api/tokens", null},
            new String[] {"POST", "/api/tokens", "{\"name\":\"escalate\"}"},
            new String[] {"DELETE", "/api/tokens/0123456789abcdef", null})) {
      HttpResponse<String> response =
          send(
              base(),
              request[0],
              request[1],
              request[2],
              "Authorization",
              bearer(scoped),
              "Content-Type",
              "application/json");

      assertEquals(403, response.statusCode(), request[0] + " " + request[1]);
      Map<String, Object> body = map(response.body());
      assertEquals("forbidden", body.get("code"));
      assertTrue(((String) body.get("message")).contains("admin token"), response.body());
    }
  }

  @Test
  void tokensApiNeedsCredentials() {
    assertEquals(401, fetch(base(), "/api/tokens").statusCode());
    assertEquals(
        401,
        send(base(), "POST", "/api/tokens", "{\"name\":\"x\"}", "Content-Type", "application/json")
            .statusCode());
    assertEquals(401, send(base(), "DELETE", "/api/tokens/0123456789abcdef", null).statusCode());
  }

  @Test
  void invalidRequestsAreBadRequestsThatSayWhatToFix() throws IOException {
    Map<String, String> cases =
        Map.of(
            "{\"projectIds\":[\"web\"]}",
            "name is required",
            "{\"name\":\"  \"}",
            "name is required",
            "{\"name\":\"" + "n".repeat(101) + "\"}",
            "1 to 100 characters",
            "{\"name\":\"ci\",\"projectIds\":[\"has space\"]}",
            "1 to 64 characters",
            "{\"name\":\"ci\",\"projectIds\":[\"" + "p".repeat(65) + "\"]}",
            "1 to 64 characters",
            "not json",
            "Send JSON like",
            "",
            "Send JSON like");

    for (Map.Entry<String, String> entry : cases.entrySet()) {
      HttpResponse<String> response = create(entry.getKey());

      assertEquals(400, response.statusCode(), entry.getKey());
      Map<String, Object> body = map(response.body());
      assertEquals("bad_request", body.get("code"));
      assertTrue(((String) body.get("message")).contains(entry.getValue()), response.body());
    }
  }

  @Test
  void acceptsAHundredCharacterNameAndNoProjects() throws IOException {
    HttpResponse<String> response = create("{\"name\":\"" + "n".repeat(100) + "\"}");

    assertEquals(201, response.statusCode(), response.body());
    Map<String, Object> body = map(response.body());
    assertEquals(List.of(), body.get("projectIds"));
    assertEquals(false, body.get("shell"));
  }

  private HttpResponse<String> create(String body) {
    return asAdmin("POST", "/api/tokens", body);
  }

  private HttpResponse<String> asAdmin(String method, String path, String body) {
    return send(
        base(),
        method,
        path,
        body,
        "Authorization",
        bearer(ADMIN_TOKEN),
        "Content-Type",
        "application/json");
  }

  private Map<String, Object> map(String body) throws IOException {
    return json.readValue(body, Argument.mapOf(String.class, Object.class));
  }

  private URI base() {
    return server.getURI();
  }
}

package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.ADMIN_TOKEN;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** AuthSessionIT checks signing in with a token, the session cookie, and signing out. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthSessionIT implements TestPropertyProvider {

  private final Path dataDir = AuthTestSupport.createTempDataDir("auth-session-it");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TokenStore tokens;
  @Inject Authenticator authenticator;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.data-dir",
        dataDir.toString(),
        "switchboard.token",
        ADMIN_TOKEN,
        "switchboard.auth.session-ttl",
        "2h");
  }

  @AfterAll
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void signInSetsAStrictHttpOnlyCookie() {
    HttpResponse<String> response = signIn(ADMIN_TOKEN);

    assertEquals(204, response.statusCode());
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.startsWith(AuthCookieCodec.COOKIE_NAME + "="), setCookie);
    assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    assertTrue(setCookie.contains("Path=/"), setCookie);
    assertTrue(setCookie.contains("Max-Age=7200"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain HTTP must not get Secure: " + setCookie);
    assertFalse(setCookie.contains(ADMIN_TOKEN), "the cookie must not carry the token");
  }

  @Test
  void signInBehindATlsProxyMarksTheCookieSecure() {
    HttpResponse<String> response =
        send(
            base(),
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + ADMIN_TOKEN + "\"}",
            "Content-Type",
            "application/json",
            "X-Forwarded-Proto",
            "https");

    assertTrue(response.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
  }

  @Test
  void cookieAuthenticatesTheApi() throws IOException {
    String cookie = cookieFrom(signIn(ADMIN_TOKEN));

    HttpResponse<String> response = fetch(base(), "/api/auth/me", "Cookie", cookie);

    assertEquals(200, response.statusCode());
    assertEquals("admin", body(response).get("tokenId"));
  }

  @Test
  void wrongTokenIsUnauthorizedAndSetsNoCookie() throws IOException {
    HttpResponse<String> response = signIn(ADMIN_TOKEN + "-wrong");

    assertEquals(401, response.statusCode());
    assertEquals("unauthorized", body(response).get("code"));
    assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
  }

  @Test
  void malformedBodyIsABadRequestWithTheExpectedShape() throws IOException {
    for (String requestBody : List.of("", "{}", "not json", "{\"token\":\"\"}")) {
      HttpResponse<String> response =
          send(
              base(), "POST", "/api/auth/session", requestBody, "Content-Type", "application/json");

      assertEquals(400, response.statusCode(), requestBody);
      assertEquals("bad_request", body(response).get("code"));
      assertTrue(((String) body(response).get("message")).contains("{\"token\""), response.body());
    }
  }

  @Test
  void signInRefusesAFormPostSoAnotherSiteCannotSignYouIn() {
    HttpResponse<String> response =
        send(
            base(),
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + ADMIN_TOKEN + "\"}",
            "Content-Type",
            "text/plain");

    assertFalse(response.statusCode() == 204, "answered " + response.statusCode());
    assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
  }

  @Test
  void tamperedCookieIsUnauthorized() {
    String cookie = cookieFrom(signIn(ADMIN_TOKEN));
    String value = cookie.substring(cookie.indexOf('=') + 1);
    String payload = value.substring(0, value.indexOf('.'));
    String forged =
        Secrets.encode(
                ("admin\n" + Instant.now().plusSeconds(86_400 * 365).getEpochSecond()).getBytes())
            + value.substring(value.indexOf('.'));

    for (String tampered :
        List.of(
            forged,
            payload + ".AAAA",
            payload,
            value.substring(0, value.length() - 2) + (value.endsWith("A") ? "BB" : "AA"))) {
      HttpResponse<String> response =
          fetch(base(), "/api/auth/me", "Cookie", AuthCookieCodec.COOKIE_NAME + "=" + tampered);

      assertEquals(401, response.statusCode(), tampered);
    }
  }

  @Test
  void expiredCookieIsUnauthorizedAndSaysSo() {
    String expired = authenticator.issueSession(Caller.forAdmin(), Instant.now().minusSeconds(1));

    HttpResponse<String> response =
        fetch(base(), "/api/auth/me", "Cookie", AuthCookieCodec.COOKIE_NAME + "=" + expired);

    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("expired"), response.body());
  }

  @Test
  void revokedTokensCookieIsUnauthorized() {
    IssuedToken issued = tokens.create("session-it", List.of("web"), false);
    String cookie = cookieFrom(signIn(issued.token()));
    assertEquals(200, fetch(base(), "/api/auth/me", "Cookie", cookie).statusCode());

    tokens.revoke(issued.id());

    HttpResponse<String> response = fetch(base(), "/api/auth/me", "Cookie", cookie);
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("revoked"), response.body());
  }

  @Test
  void signOutClearsTheCookieWithoutCredentials() {
    HttpResponse<String> response = send(base(), "DELETE", "/api/auth/session", null);

    assertEquals(204, response.statusCode());
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.startsWith(AuthCookieCodec.COOKIE_NAME + "=;"), setCookie);
    assertTrue(setCookie.contains("Max-Age=0"), setCookie);
    assertTrue(setCookie.contains("Path=/"), setCookie);
  }

  @Test
  void meNeedsCredentials() {
    assertEquals(401, fetch(base(), "/api/auth/me").statusCode());
  }

  private HttpResponse<String> signIn(String token) {
    return send(
        base(),
        "POST",
        "/api/auth/session",
        "{\"token\":\"" + token + "\"}",
        "Content-Type",
        "application/json");
  }

  private static String cookieFrom(HttpResponse<String> response) {
    return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private Map<String, Object> body(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  private URI base() {
    return server.getURI();
  }
}

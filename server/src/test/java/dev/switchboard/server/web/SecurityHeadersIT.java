package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every answer, page or API, success or error, tells the browser to run only this server's code,
 * never to frame it, never to sniff types and never to send a referrer.
 */
@MicronautTest
@Property(name = "switchboard.token", value = SecurityHeadersIT.TOKEN)
class SecurityHeadersIT {

  static final String TOKEN = "sb_security-headers-it-token-01";
  private static final String HTML = "Accept: text/html,application/xhtml+xml,*/*;q=0.8";
  private static final String BEARER = "Authorization: Bearer " + TOKEN;

  @Inject EmbeddedServer server;

  @Test
  void thePageHasThem() {
    assertProtected(get("/", HTML), 200);
  }

  @Test
  void aClientRouteServedAsThePageHasThem() {
    assertProtected(get("/projects/p-1", HTML), 200);
  }

  @Test
  void aStaticAssetHasThem() {
    RawExchange asset = get("/static-fixture.css");
    assertProtected(asset, 200);
    assertTrue(asset.body().contains("switchboard-static-fixture"), asset.body());
  }

  @Test
  void anApiAnswerHasThem() {
    assertProtected(get("/api/auth/me", BEARER), 200);
  }

  @Test
  void notFoundAnswersHaveThem() {
    assertProtected(get("/api/nope", BEARER), 404);
    assertProtected(get("/assets/missing.js"), 404);
  }

  @Test
  void refusalsHaveThem() {
    assertProtected(get("/api/auth/me"), 401);
    assertProtected(
        RawExchange.send(
            server.getPort(), "POST", "/api/tokens", "{}", BEARER, "Content-Type: text/plain"),
        415);
    assertProtected(
        RawExchange.send(
            server.getPort(),
            "POST",
            "/api/tokens",
            "{}",
            "Cookie: switchboard_session=x",
            "Origin: http://localhost:3000",
            "Content-Type: application/json"),
        403);
  }

  @Test
  void micronautsOwnErrorsHaveThem() {
    assertProtected(RawExchange.send(server.getPort(), "DELETE", "/health", null), 405);
  }

  @Test
  void healthHasThem() {
    assertProtected(get("/health"), 200);
  }

  @Test
  void thePolicyAllowsNoInlineScriptAndNoEval() {
    String policy = get("/", HTML).header("Content-Security-Policy").orElseThrow();
    List<String> directives = Arrays.stream(policy.split(";")).map(String::strip).toList();

    assertTrue(directives.contains("default-src 'self'"), policy);
    assertTrue(directives.contains("script-src 'self'"), policy);
    assertTrue(directives.contains("object-src 'none'"), policy);
    assertTrue(directives.contains("base-uri 'none'"), policy);
    assertFalse(policy.contains("unsafe-eval"), policy);
    assertFalse(policy.contains("*"), policy);
  }

  private RawExchange get(String path, String... headers) {
    return RawExchange.send(server.getPort(), "GET", path, null, headers);
  }

  private static void assertProtected(RawExchange answer, int status) {
    assertEquals(status, answer.status(), answer.body());
    String policy = answer.header("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("default-src 'self'"), "CSP: " + answer.headers());
    assertTrue(policy.contains("frame-ancestors 'none'"), "CSP: " + answer.headers());
    assertEquals("nosniff", answer.header("X-Content-Type-Options").orElse(null));
    assertEquals("DENY", answer.header("X-Frame-Options").orElse(null));
    assertEquals("no-referrer", answer.header("Referrer-Policy").orElse(null));
    assertEquals(
        1,
        answer.headers().get("content-security-policy").size(),
        "one policy only: " + answer.headers());
  }
}

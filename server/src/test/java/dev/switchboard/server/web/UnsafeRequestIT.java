package dev.switchboard.server.web;

import static dev.switchboard.server.web.ForgeryFixture.ADMIN_TOKEN;
import static dev.switchboard.server.web.ForgeryFixture.CONFIGURED_ORIGIN;
import static dev.switchboard.server.web.ForgeryFixture.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.web.ForgeryFixture.Target;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cross-site request forgery (issue "Nothing acknowledged is lost, nothing forged gets in"): a page
 * on another origin, another port of this host included, must not change anything with the
 * signed-in user's cookie, while this server's pages and Bearer-token scripts keep working.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsafeRequestIT implements TestPropertyProvider {

  private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;

  private ForgeryFixture browser;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.token", ADMIN_TOKEN,
        "switchboard.ws.allowed-origins", CONFIGURED_ORIGIN,
        "switchboard.shell.command", "/bin/sh");
  }

  @BeforeAll
  void signIn() {
    browser = new ForgeryFixture(server.getPort(), json);
  }

  @Test
  void refusesAForgedOrigin() {
    for (Target target : browser.targets("session:forged-origin")) {
      RawExchange answer =
          browser.withCookie(target, "Host: app.example.com", "Origin: https://evil.example", JSON);

      assertRefused(answer, "Origin https://evil.example");
    }
    assertEquals(1, browser.nextOffset("session:forged-origin"), "a forged event was published");
  }

  @Test
  void refusesAnotherPortOfThisHostSendingABlob() {
    for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:3000")) {
      for (Target target : browser.targets("session:other-port")) {
        // fetch(url, {method: "POST", body: new Blob([...]), credentials: "include"}): no type.
        assertRefused(browser.withCookie(target, "Origin: " + origin), "Origin " + origin);
        assertRefused(browser.withCookie(target, "Origin: " + origin, JSON), "Origin " + origin);
      }
    }
    assertEquals(1, browser.nextOffset("session:other-port"), "a forged event was published");
  }

  @Test
  void refusesAFormPostFromAnotherPort() {
    for (Target target : browser.targets("session:form")) {
      assertRefused(
          browser.withCookie(target, "Origin: http://localhost:3000", FORM),
          "Origin http://localhost:3000");
    }
  }

  @Test
  void refusesABodyThatIsNotJsonEvenFromThisOrigin() {
    String origin = "Origin: " + browser.ownOrigin();
    for (Target target : browser.targets("session:not-json")) {
      assertNotJson(browser.withCookie(target, origin), "no Content-Type");
      assertNotJson(browser.withCookie(target, origin, "Content-Type: text/plain"), "text/plain");
      assertNotJson(browser.withCookie(target, origin, FORM), "x-www-form-urlencoded");
    }
    assertEquals(1, browser.nextOffset("session:not-json"), "a non-JSON event was published");
  }

  @Test
  void refusesSignInFromAnotherOriginOrWithoutJson() {
    String body = "{\"token\":\"" + ADMIN_TOKEN + "\"}";
    for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:3000")) {
      RawExchange answer =
          browser.send("POST", "/api/auth/session", body, "Origin: " + origin, JSON);
      assertRefused(answer, "Origin " + origin);
      assertTrue(answer.header("Set-Cookie").isEmpty(), "login CSRF set a cookie");
    }
    assertRefused(
        browser.send("POST", "/api/auth/session", body, "Sec-Fetch-Site: same-site", JSON),
        "Sec-Fetch-Site: same-site");
    String own = "Origin: " + browser.ownOrigin();
    for (String[] headers :
        List.of(
            new String[] {own},
            new String[] {own, "Content-Type: text/plain"},
            new String[] {own, FORM})) {
      RawExchange answer = browser.send("POST", "/api/auth/session", body, headers);
      assertEquals(415, answer.status(), answer.body());
      assertEquals("bad_request", browser.json(answer).get("code").getStringValue());
      assertTrue(answer.header("Set-Cookie").isEmpty(), "a non-JSON sign-in set a cookie");
    }
  }

  @Test
  void withoutOriginSecFetchSiteMustSayTheRequestIsThePagesOwn() {
    Target tokens = browser.targets("session:unused").get(1);
    for (String site : List.of("same-site", "cross-site")) {
      assertRefused(
          browser.withCookie(tokens, "Sec-Fetch-Site: " + site, JSON), "Sec-Fetch-Site: " + site);
    }
    for (String site : List.of("same-origin", "none")) {
      RawExchange answer = browser.withCookie(tokens, "Sec-Fetch-Site: " + site, JSON);
      assertEquals(201, answer.status(), site + ": " + answer.body());
    }
  }

  @Test
  void refusesTheCookieWithNeitherOriginNorSecFetchSite() {
    for (Target target : browser.targets("session:no-headers")) {
      assertRefused(browser.withCookie(target, JSON), "must say where it comes from");
    }
  }

  @Test
  void refusesAnOpaqueOrigin() {
    Target tokens = browser.targets("session:unused").get(1);
    // A real Host: with a loopback one, Micronaut's CORS filter refuses "null" first (no body).
    assertRefused(
        browser.withCookie(tokens, "Origin: null", "Host: app.example.com", JSON), "Origin null");
  }

  @Test
  void refusesACrossSiteDelete() {
    String projectId = browser.createProject();
    RawExchange answer =
        browser.send(
            "DELETE",
            "/api/projects/" + projectId,
            null,
            "Cookie: " + browser.cookie,
            "Origin: http://localhost:3000");

    assertRefused(answer, "Origin http://localhost:3000");
    RawExchange project =
        browser.send(
            "GET", "/api/projects/" + projectId, null, "Authorization: Bearer " + ADMIN_TOKEN);
    assertEquals(200, project.status(), "the project was deleted");
  }

  @Test
  void bearerRequestsAreNotJudgedByOrigin() {
    for (Target target : browser.targets("session:bearer")) {
      for (String[] headers :
          List.of(new String[] {JSON}, new String[] {"Origin: http://localhost:3000", JSON})) {
        RawExchange answer = browser.withBearer(target, headers);
        assertEquals(target.okStatus(), answer.status(), target.path() + ": " + answer.body());
        browser.cleanUp(answer);
      }
    }
  }

  @Test
  void bearerRequestsStillSendJson() {
    for (Target target : browser.targets("session:bearer-not-json")) {
      assertNotJson(browser.withBearer(target), "no Content-Type");
      assertNotJson(browser.withBearer(target, "Content-Type: text/plain"), "text/plain");
    }
  }

  @Test
  void pagesOfThisServerStillChangeThings() {
    String local = "127.0.0.1:" + server.getPort();
    for (String[] originAndHost :
        List.of(
            new String[] {browser.ownOrigin(), "localhost:" + server.getPort()},
            new String[] {"http://" + local, local},
            new String[] {CONFIGURED_ORIGIN, "app.example.com"})) {
      for (Target target : browser.targets("session:own")) {
        RawExchange answer =
            browser.withCookie(
                target, "Origin: " + originAndHost[0], "Host: " + originAndHost[1], JSON);
        assertEquals(target.okStatus(), answer.status(), target.path() + ": " + answer.body());
        browser.cleanUp(answer);
      }
    }
  }

  @Test
  void jsonWithParametersOrInCapitalsIsJson() {
    Target tokens = browser.targets("session:unused").get(1);
    for (String type : List.of("application/json; charset=utf-8", "Application/JSON")) {
      RawExchange answer = browser.withBearer(tokens, "Content-Type: " + type);
      assertEquals(201, answer.status(), type + ": " + answer.body());
    }
    assertNotJson(
        browser.withBearer(tokens, "Content-Type: application/json-patch+json"), "json-patch");
  }

  @Test
  void aBodylessPostNeedsNoContentType() {
    RawExchange answer =
        browser.send(
            "POST",
            "/api/projects/" + browser.projectId + "/sessions",
            "",
            "Cookie: " + browser.cookie,
            "Origin: " + browser.ownOrigin());

    assertEquals(201, answer.status(), answer.body());
  }

  @Test
  void aPreflightIsNeverGranted() {
    RawExchange answer =
        browser.send(
            "OPTIONS",
            "/api/tokens",
            null,
            "Origin: http://localhost:3000",
            "Access-Control-Request-Method: POST",
            "Access-Control-Request-Headers: content-type");

    assertTrue(
        answer.header("Access-Control-Allow-Origin").isEmpty(), "preflight granted: " + answer);
  }

  private void assertRefused(RawExchange answer, String reason) {
    assertEquals(403, answer.status(), answer.body());
    assertEquals("forbidden", browser.json(answer).get("code").getStringValue(), answer.body());
    assertTrue(
        browser.json(answer).get("message").getStringValue().contains(reason), answer.body());
  }

  private void assertNotJson(RawExchange answer, String named) {
    assertEquals(415, answer.status(), answer.body());
    assertEquals("bad_request", browser.json(answer).get("code").getStringValue());
    String message = browser.json(answer).get("message").getStringValue();
    assertTrue(message.contains(named), message);
    assertTrue(message.contains("Content-Type: application/json"), message);
  }
}

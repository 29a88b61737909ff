package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.ADMIN_TOKEN;
import static dev.switchboard.server.auth.AuthTestSupport.bearer;
import static dev.switchboard.server.auth.AuthTestSupport.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** AuthFilterIT checks which paths need credentials, over REST and WebSocket upgrades. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFilterIT implements TestPropertyProvider {

  private static final String PROBE_PATH = "/ws/auth-probe";

  private final Path dataDir = AuthTestSupport.createTempDataDir("auth-filter-it");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TokenStore tokens;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "spec.name",
        "AuthFilterIT",
        "switchboard.data-dir",
        dataDir.toString(),
        "switchboard.token",
        ADMIN_TOKEN);
  }

  @AfterAll
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void apiWithoutCredentialsIsUnauthorizedWithAHowTo() throws IOException {
    HttpResponse<String> response = fetch(base(), "/api/auth/me");

    assertEquals(401, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "Bearer realm=\"switchboard\"",
        response.headers().firstValue("WWW-Authenticate").orElseThrow());
    Map<String, Object> body =
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    assertEquals("unauthorized", body.get("code"));
    assertTrue(
        ((String) body.get("message")).contains("Authorization: Bearer <token>"), response.body());
  }

  @Test
  void unknownApiPathWithoutCredentialsIsUnauthorizedNotNotFound() {
    assertEquals(401, fetch(base(), "/api/does-not-exist").statusCode());
  }

  @Test
  void wrongBearerTokenIsUnauthorized() {
    HttpResponse<String> response =
        fetch(base(), "/api/auth/me", "Authorization", bearer(ADMIN_TOKEN + "x"));

    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("not recognised"), response.body());
  }

  @Test
  void otherAuthorizationSchemeIsUnauthorized() {
    HttpResponse<String> response =
        fetch(base(), "/api/auth/me", "Authorization", "Basic YWRtaW46YWRtaW4=");

    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("Bearer <token>"), response.body());
  }

  @Test
  void adminBearerTokenReachesTheApi() throws IOException {
    HttpResponse<String> response =
        fetch(base(), "/api/auth/me", "Authorization", bearer(ADMIN_TOKEN));

    assertEquals(200, response.statusCode());
    Map<String, Object> body =
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    assertEquals("admin", body.get("tokenId"));
    assertEquals(true, body.get("admin"));
    assertEquals(List.of(), body.get("projectIds"));
    assertEquals(true, body.get("shell"));
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    assertEquals(
        200, fetch(base(), "/api/auth/me", "Authorization", "bearer " + ADMIN_TOKEN).statusCode());
  }

  @Test
  void scopedBearerTokenReachesTheApiAsItsScope() throws IOException {
    IssuedToken issued = tokens.create("filter-it", List.of("web"), false);

    HttpResponse<String> response =
        fetch(base(), "/api/auth/me", "Authorization", bearer(issued.token()));

    assertEquals(200, response.statusCode());
    Map<String, Object> body =
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    assertEquals(issued.id(), body.get("tokenId"));
    assertEquals(false, body.get("admin"));
    assertEquals(List.of("web"), body.get("projectIds"));
  }

  @Test
  void healthStaysPublic() {
    assertEquals(200, fetch(base(), "/health").statusCode());
  }

  @Test
  void staticFilesStayPublic() {
    HttpResponse<String> response = fetch(base(), "/");

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("switchboard-static-fixture"), response.body());
  }

  @Test
  void tokenInTheQueryStringIsNotAccepted() {
    assertEquals(401, fetch(base(), "/api/auth/me?token=" + ADMIN_TOKEN).statusCode());
  }

  @Test
  void oddlySpelledApiPathsDoNotSlipPastTheFilter() {
    for (String path :
        List.of(
            "//api/auth/me",
            "/api//auth/me",
            "/./api/auth/me",
            "/x/../api/auth/me",
            "/api/auth/me/")) {
      String head =
          AuthTestSupport.rawExchange(
              server.getPort(),
              "GET " + path + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Connection: close");

      assertFalse(head.startsWith("HTTP/1.1 200"), path + " answered " + head);
    }
  }

  @Test
  void webSocketUpgradeWithoutCredentialsIsRefusedBefore101() {
    String head =
        AuthTestSupport.rawExchange(
            server.getPort(), AuthTestSupport.upgradeRequest(server.getPort(), PROBE_PATH));

    assertTrue(head.startsWith("HTTP/1.1 401"), head);
    assertFalse(head.contains("101"), head);
  }

  @Test
  void channelSocketPathIsCoveredWhetherOrNotItExistsYet() {
    for (String path : List.of("/ws", "/ws/shell/s1")) {
      String head =
          AuthTestSupport.rawExchange(
              server.getPort(), AuthTestSupport.upgradeRequest(server.getPort(), path));

      assertTrue(head.startsWith("HTTP/1.1 401"), path + " answered " + head);
    }
  }

  @Test
  void webSocketClientSeesTheRefusalStatus() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(probeUri(), new Listener())
                    .get(10, TimeUnit.SECONDS));

    WebSocketHandshakeException refused =
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    assertEquals(401, refused.getResponse().statusCode());
  }

  @Test
  void webSocketUpgradeWithAWrongTokenIsRefused() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", bearer("sbt_0123456789abcdef_" + "A".repeat(43)))
                    .buildAsync(probeUri(), new Listener())
                    .get(10, TimeUnit.SECONDS));

    WebSocketHandshakeException refused =
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    assertEquals(401, refused.getResponse().statusCode());
  }

  @Test
  void webSocketUpgradeWithABearerTokenOpensAndSeesTheCaller() throws Exception {
    Listener listener = new Listener();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", bearer(ADMIN_TOKEN))
            .buildAsync(probeUri(), listener)
            .get(10, TimeUnit.SECONDS);

    assertEquals("caller:admin", listener.firstMessage.get(10, TimeUnit.SECONDS));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  @Test
  void webSocketUpgradeWithTheSessionCookieOpens() throws Exception {
    IssuedToken issued = tokens.create("ws-cookie", List.of("web"), false);
    HttpResponse<String> signIn =
        AuthTestSupport.send(
            base(),
            "POST",
            "/api/auth/session",
            "{\"token\":\"" + issued.token() + "\"}",
            "Content-Type",
            "application/json");
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    Listener listener = new Listener();

    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Cookie", cookie)
            .buildAsync(probeUri(), listener)
            .get(10, TimeUnit.SECONDS);

    assertEquals("caller:" + issued.id(), listener.firstMessage.get(10, TimeUnit.SECONDS));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  private URI base() {
    return server.getURI();
  }

  private URI probeUri() {
    return URI.create("ws://127.0.0.1:" + server.getPort() + PROBE_PATH);
  }

  /** Listener keeps the first text message the server sends. */
  static final class Listener implements WebSocket.Listener {
    final CompletableFuture<String> firstMessage = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      firstMessage.complete(data.toString());
      webSocket.request(1);
      return null;
    }
  }

  /**
   * ProbeSocket stands in for the channel socket: it reports who {@link Callers} says opened it.
   */
  @Requires(property = "spec.name", value = "AuthFilterIT")
  @ServerWebSocket(PROBE_PATH)
  static class ProbeSocket {
    @OnOpen
    void onOpen(WebSocketSession session, HttpRequest<?> request) {
      session.sendSync("caller:" + Callers.of(request).map(Caller::tokenId).orElse("none"));
    }

    @OnMessage
    void onMessage(String message) {}

    @OnClose
    void onClose() {}
  }
}

package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** SpaFallbackIT checks that client-side routes get index.html and nothing else does. */
@MicronautTest
@Property(name = "switchboard.token", value = SpaFallbackIT.TOKEN)
class SpaFallbackIT {

  static final String TOKEN = "sb_spa-fallback-it-token";
  private static final String FIXTURE_MARKER = "switchboard-static-fixture";
  private static final String HTML_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void clientRouteOfABrowserGetsIndexHtml() {
    HttpResponse<String> response =
        client
            .toBlocking()
            .exchange(HttpRequest.GET("/projects/abc").header("Accept", HTML_ACCEPT), String.class);

    assertEquals(HttpStatus.OK, response.getStatus());
    assertEquals(MediaType.TEXT_HTML_TYPE, response.getContentType().orElseThrow());
    assertEquals("no-cache", response.getHeaders().get("Cache-Control"));
    assertTrue(response.body().contains(FIXTURE_MARKER), response.body());
  }

  @Test
  void deepClientRouteGetsIndexHtmlWithoutSigningIn() {
    HttpResponse<String> response =
        client
            .toBlocking()
            .exchange(
                HttpRequest.GET("/projects/p-1/sessions/s-2").header("Accept", HTML_ACCEPT),
                String.class);

    assertTrue(response.body().contains(FIXTURE_MARKER), response.body());
  }

  @Test
  void unknownApiPathStaysAJsonNotFound() {
    HttpClientResponseException e =
        assertThrows(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(
                        HttpRequest.GET("/api/nope")
                            .header("Accept", HTML_ACCEPT)
                            .bearerAuth(TOKEN),
                        String.class));

    assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
    assertEquals(MediaType.APPLICATION_JSON_TYPE, e.getResponse().getContentType().orElseThrow());
    String body = e.getResponse().getBody(String.class).orElse("");
    assertTrue(body.contains("\"code\":\"not_found\""), body);
  }

  @Test
  void missingAssetStaysNotFound() {
    HttpClientResponseException e =
        assertThrows(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(
                        HttpRequest.GET("/assets/missing.js").header("Accept", HTML_ACCEPT),
                        String.class));

    assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
  }

  @Test
  void requestThatDoesNotAcceptHtmlStaysNotFound() {
    HttpClientResponseException e =
        assertThrows(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(
                        HttpRequest.GET("/projects/abc").header("Accept", "application/json"),
                        String.class));

    assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
  }

  @Test
  void uiConfigSaysDevToolsAreOffAndRepliesKeep100000LinesByDefault() {
    String body = client.toBlocking().retrieve(HttpRequest.GET("/api/ui-config").bearerAuth(TOKEN));

    assertEquals("{\"devTools\":false,\"replyLines\":100000}", body);
  }

  @Test
  void uiConfigNeedsAuthentication() {
    HttpClientResponseException e =
        assertThrows(
            HttpClientResponseException.class,
            () -> client.toBlocking().exchange(HttpRequest.GET("/api/ui-config"), String.class));

    assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
  }
}

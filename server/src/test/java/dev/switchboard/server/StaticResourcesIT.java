package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.micronaut.websocket.annotation.ClientWebSocket;
import io.micronaut.websocket.annotation.OnMessage;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** StaticResourcesIT checks that classpath:public is served and that real routes still win. */
@MicronautTest
@Property(name = "spec.name", value = "StaticResourcesIT")
@Property(name = "switchboard.token", value = StaticResourcesIT.TOKEN)
class StaticResourcesIT {

  static final String TOKEN = "sb_static-resources-it-token";
  private static final String FIXTURE_MARKER = "switchboard-static-fixture";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject EmbeddedServer server;

  @Inject WebSocketClient webSocketClient;

  @Test
  void servesIndexHtmlAtRoot() {
    HttpResponse<String> response = client.toBlocking().exchange("/", String.class);

    assertEquals(HttpStatus.OK, response.getStatus());
    assertTrue(response.body().contains(FIXTURE_MARKER), response.body());
  }

  @Test
  void servesIndexHtmlByName() {
    HttpResponse<String> response = client.toBlocking().exchange("/index.html", String.class);

    assertEquals(HttpStatus.OK, response.getStatus());
    assertEquals(MediaType.TEXT_HTML_TYPE, response.getContentType().orElseThrow());
    assertTrue(response.body().contains(FIXTURE_MARKER), response.body());
  }

  @Test
  void healthRouteWinsOverStaticFiles() {
    String body = client.toBlocking().retrieve("/health");

    assertEquals("{\"status\":\"UP\"}", body);
  }

  @Test
  void apiRouteWinsOverStaticFiles() {
    String body = client.toBlocking().retrieve(HttpRequest.GET("/api/probe").bearerAuth(TOKEN));

    assertEquals("{\"route\":\"api\"}", body);
  }

  @Test
  void unknownApiPathIsNotFoundRatherThanAPage() {
    HttpClientResponseException e =
        assertThrows(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(HttpRequest.GET("/api/missing").bearerAuth(TOKEN), String.class));

    assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
  }

  @Test
  void webSocketRouteWinsOverStaticFiles() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    EchoClient client =
        Mono.from(
                webSocketClient.connect(
                    EchoClient.class, HttpRequest.GET(uri.toString()).bearerAuth(TOKEN)))
            .block();

    String greeting = client.replies.poll(5, TimeUnit.SECONDS);
    assertTrue(greeting != null && greeting.contains("\"type\":\"connected\""), greeting);
    client.close();
  }

  /** ProbeController stands in for the REST API under /api. */
  @Requires(property = "spec.name", value = "StaticResourcesIT")
  @Controller("/api/probe")
  static class ProbeController {
    @Get
    String probe() {
      return "{\"route\":\"api\"}";
    }
  }

  /** EchoClient records the frames it receives. */
  @ClientWebSocket
  abstract static class EchoClient implements AutoCloseable {
    final BlockingQueue<String> replies = new ArrayBlockingQueue<>(10);

    @OnMessage
    void onMessage(String message) {
      replies.add(message);
    }
  }
}

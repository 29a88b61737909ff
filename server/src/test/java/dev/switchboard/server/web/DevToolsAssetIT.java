package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * With {@code switchboard.ui.dev-tools} off (the default) the dev tools' chunk is not served, to
 * anyone; the rest of the client is.
 */
@MicronautTest
class DevToolsAssetIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void theDevToolsChunkIsNotServedWhileTheDevToolsAreOff() {
    HttpClientResponseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpClientResponseException.class,
            () -> client.toBlocking().retrieve(HttpRequest.GET(DevToolsChunk.path())));

    assertEquals(HttpStatus.NOT_FOUND, refused.getStatus());
    assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/")).getStatus());
  }
}

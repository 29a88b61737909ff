package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class HealthIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void answersUpWithoutCredentials() {
    HttpResponse<String> response =
        client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

    assertEquals(HttpStatus.OK, response.getStatus());
    assertEquals("{\"status\":\"UP\"}", response.body());
  }
}

package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.ADMIN_TOKEN;
import static dev.switchboard.server.auth.AuthTestSupport.bearer;
import static dev.switchboard.server.auth.AuthTestSupport.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code endpoints.all.port}, {@code /prometheus} and {@code /health} move to a management
 * port of their own, where a scraper needs no token; the public port no longer serves them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT implements TestPropertyProvider {

  private final int managementPort = freePort();

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "switchboard.token", ADMIN_TOKEN, "endpoints.all.port", String.valueOf(managementPort));
  }

  @Test
  void theManagementPortServesMetricsWithoutAToken() {
    HttpResponse<String> response = fetch(management(), "/prometheus");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("switchboard_ws_connections"), response.body());
  }

  @Test
  void theManagementPortServesHealth() {
    assertEquals(200, fetch(management(), "/health").statusCode());
  }

  @Test
  void thePublicPortNoLongerServesMetricsEvenToTheAdmin() {
    assertEquals(401, fetch(server.getURI(), "/prometheus").statusCode());
    HttpResponse<String> response =
        fetch(server.getURI(), "/prometheus", "Authorization", bearer(ADMIN_TOKEN));

    assertEquals(404, response.statusCode(), response.body());
  }

  @Test
  void thePublicPortStillServesTheApi() {
    assertEquals(
        200,
        fetch(server.getURI(), "/api/auth/me", "Authorization", bearer(ADMIN_TOKEN)).statusCode());
  }

  @Test
  void theManagementPortServesNoApi() {
    int status =
        fetch(management(), "/api/auth/me", "Authorization", bearer(ADMIN_TOKEN)).statusCode();

    assertTrue(status == 404, "the API answered " + status + " on the management port");
  }

  private URI management() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.switchboard.server.auth;

import static dev.switchboard.server.auth.AuthTestSupport.ADMIN_TOKEN;
import static dev.switchboard.server.auth.AuthTestSupport.bearer;
import static dev.switchboard.server.auth.AuthTestSupport.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /prometheus} on the public port is the admin's; {@code /health} stays open. */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ADMIN_TOKEN)
class MetricsAccessIT {

  @Inject EmbeddedServer server;
  @Inject TokenStore tokens;

  @Test
  void metricsWithoutATokenAreUnauthorized() {
    HttpResponse<String> response = fetch(base(), "/prometheus");

    assertEquals(401, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"code\":\"unauthorized\""), response.body());
    assertTrue(response.body().contains("endpoints.all.port"), response.body());
    assertTrue(!response.body().contains("switchboard_ws_connections"), response.body());
  }

  @Test
  void metricsWithAWrongTokenAreUnauthorized() {
    assertEquals(
        401,
        fetch(base(), "/prometheus", "Authorization", bearer("sb_wrong-token-0000")).statusCode());
  }

  @Test
  void metricsWithAScopedTokenAreForbidden() {
    IssuedToken scoped = tokens.create("metrics-it", List.of("web"), true);

    HttpResponse<String> response =
        fetch(base(), "/prometheus", "Authorization", bearer(scoped.token()));

    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"code\":\"forbidden\""), response.body());
  }

  @Test
  void metricsWithTheAdminTokenAreServed() {
    HttpResponse<String> response =
        fetch(base(), "/prometheus", "Authorization", bearer(ADMIN_TOKEN));

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("switchboard_ws_connections"), response.body());
  }

  @Test
  void healthStaysOpenForLoadBalancers() {
    assertEquals(200, fetch(base(), "/health").statusCode());
  }

  @Test
  void micronautsOtherManagementEndpointsAreOff() {
    for (String path : List.of("/metrics", "/beans", "/routes", "/threaddump", "/info")) {
      int status = fetch(base(), path, "Authorization", bearer(ADMIN_TOKEN)).statusCode();
      assertTrue(status == 404 || status == 401, path + " answered " + status);
      assertTrue(status != 200, path);
    }
    assertEquals(404, fetch(base(), "/metrics").statusCode());
  }

  private URI base() {
    return server.getURI();
  }
}

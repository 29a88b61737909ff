package dev.switchboard.server.auth;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Set;

/**
 * AdminTokenBanner prints, once the server is up, the URL that signs a browser in, as Jupyter does.
 * It goes to standard output, never to the log: logs get shared, and the URL holds the token.
 */
@Singleton
final class AdminTokenBanner {

  private static final Set<String> WILDCARD_HOSTS =
      Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

  private final AdminToken adminToken;

  AdminTokenBanner(AdminToken adminToken) {
    this.adminToken = adminToken;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    EmbeddedServer server = event.getSource();
    System.out.println(
        message(baseUrl(server.getScheme(), server.getHost(), server.getPort()), adminToken));
  }

  /** The root URL a local browser can open; a wildcard bind is reachable at 127.0.0.1. */
  static String baseUrl(String scheme, String host, int port) {
    String reachable = WILDCARD_HOSTS.contains(host) ? "127.0.0.1" : host;
    if (reachable.contains(":") && !reachable.startsWith("[")) {
      reachable = "[" + reachable + "]";
    }
    return URI.create(scheme + "://" + reachable + ":" + port + "/").toString();
  }

  static String message(String baseUrl, AdminToken adminToken) {
    return switch (adminToken.source()) {
      case CONFIGURED -> "Open " + baseUrl + " and sign in with the token in SWITCHBOARD_TOKEN";
      case FILE, GENERATED ->
          "Open "
              + baseUrl
              + "?token="
              + adminToken.value()
              + " to sign in (the admin token is stored in "
              + adminToken.file()
              + ")";
    };
  }
}

package dev.switchboard.server.auth;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * AdminTokenBanner prints, once the server is up, the URL that signs a browser in, as Jupyter does.
 * It goes to standard output, never to the log: logs get shared, and the URL holds the token.
 *
 * <p>Only a terminal gets the token. Under systemd, Docker or a CI runner, standard output is
 * collected into a log too, so there the banner says which file holds the token instead.
 */
@Singleton
final class AdminTokenBanner {

  private static final Set<String> WILDCARD_HOSTS =
      Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

  private final AdminToken adminToken;
  private final BooleanSupplier terminal;

  @Inject
  AdminTokenBanner(AdminToken adminToken) {
    this(adminToken, Terminal::isInteractive);
  }

  AdminTokenBanner(AdminToken adminToken, BooleanSupplier terminal) {
    this.adminToken = adminToken;
    this.terminal = terminal;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    EmbeddedServer server = event.getSource();
    System.out.println(banner(baseUrl(server.getScheme(), server.getHost(), server.getPort())));
  }

  /** What to print: the sign-in URL on a terminal, where to find the token anywhere else. */
  String banner(String baseUrl) {
    return terminal.getAsBoolean()
        ? message(baseUrl, adminToken)
        : withoutToken(baseUrl, adminToken);
  }

  /** The root URL a local browser can open; a wildcard bind is reachable at 127.0.0.1. */
  static String baseUrl(String scheme, String host, int port) {
    String reachable = WILDCARD_HOSTS.contains(host) ? "127.0.0.1" : host;
    if (reachable.contains(":") && !reachable.startsWith("[")) {
      reachable = "[" + reachable + "]";
    }
    return URI.create(scheme + "://" + reachable + ":" + port + "/").toString();
  }

  /** The banner for a terminal: a URL that signs in, unless the operator set the token. */
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

  /** The banner for a log: the token stays in its file (or in the environment). */
  static String withoutToken(String baseUrl, AdminToken adminToken) {
    return switch (adminToken.source()) {
      case CONFIGURED -> message(baseUrl, adminToken);
      case FILE, GENERATED ->
          "Open "
              + baseUrl
              + " and sign in with the admin token stored in "
              + adminToken.file()
              + " (standard output is not a terminal, so the sign-in link with the token is not"
              + " printed)";
    };
  }
}

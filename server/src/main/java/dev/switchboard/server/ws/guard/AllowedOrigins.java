package dev.switchboard.server.ws.guard;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * AllowedOrigins decides whether a browser origin may open a WebSocket: the server's own loopback
 * origins on the port the request arrived on, the configured server host, and the configured extra
 * origins, compared exactly by scheme, host and port.
 *
 * <p>The request's {@code Host} header is never consulted: a page on a hostile site controls it
 * through DNS rebinding, so "the Origin matches the Host" proves nothing.
 */
@Singleton
public final class AllowedOrigins {

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
  private static final Set<String> WILDCARD_HOSTS = Set.of("", "0.0.0.0", "::", "[::]");

  private final Set<String> configured;
  private final @Nullable String serverHost;

  @Inject
  AllowedOrigins(
      WebSocketConfiguration configuration,
      @Nullable @Value("${micronaut.server.host:}") String serverHost) {
    this(configuration.allowedOrigins(), serverHost);
  }

  /**
   * Builds the allow-list from {@code switchboard.ws.allowed-origins} and {@code
   * micronaut.server.host}; an invalid configured origin fails start-up with the expected form.
   */
  public AllowedOrigins(List<String> allowedOrigins, @Nullable String serverHost) {
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : allowedOrigins) {
      origins.add(
          normalize(origin)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "switchboard.ws.allowed-origins: \""
                              + origin
                              + "\" is not an origin; write scheme://host[:port], for example"
                              + " https://app.example.com")));
    }
    this.configured = Set.copyOf(origins);
    String host = serverHost == null ? "" : serverHost.trim().toLowerCase(Locale.ROOT);
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    this.serverHost = WILDCARD_HOSTS.contains(host) ? null : host;
  }

  /** The message of the 403 that refuses an origin. */
  public static String refusal(String origin) {
    return "Origin "
        + origin
        + " may not open WebSockets on this server; if it should, add it to"
        + " switchboard.ws.allowed-origins (scheme://host:port).";
  }

  /** Whether {@code origin} (an {@code Origin} header value) may open a socket on {@code port}. */
  public boolean allows(String origin, int port) {
    Optional<String> normalized = normalize(origin);
    if (normalized.isEmpty()) {
      return false;
    }
    String value = normalized.get();
    if (configured.contains(value)) {
      return true;
    }
    URI uri = URI.create(value);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean ownHost = LOOPBACK_HOSTS.contains(host) || host.equals(serverHost);
    return ownHost && uri.getPort() == port;
  }

  /**
   * {@code scheme://host:port} in lower case with the scheme's default port made explicit, or empty
   * when the value is not a plain http(s) origin ({@code null}, paths, user info, other schemes).
   */
  static Optional<String> normalize(String origin) {
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int defaultPort =
          switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
          };
      boolean bare =
          uri.getHost() != null
              && uri.getRawUserInfo() == null
              && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null;
      if (defaultPort < 0 || !bare) {
        return Optional.empty();
      }
      int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}

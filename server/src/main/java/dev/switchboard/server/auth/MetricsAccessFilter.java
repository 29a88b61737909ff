package dev.switchboard.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MetricsAccessFilter lets only the admin token read {@code /prometheus} on the public port: 401
 * without it, 403 for a scoped token. The metrics name no projects or payloads, but they show who
 * is connected how often, and the public port is reachable by anyone who can open the web client.
 *
 * <p>When {@code endpoints.all.port} moves the management endpoints to a port of their own, that
 * port is the operator's (a private network, a firewall rule) and a scraper reads it without a
 * token; the public port then has no {@code /prometheus} at all.
 */
@Filter({"/prometheus", "/prometheus/**"})
final class MetricsAccessFilter implements HttpServerFilter {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsAccessFilter.class);

  private final Authenticator authenticator;
  private final @Nullable Integer managementPort;

  MetricsAccessFilter(
      Authenticator authenticator,
      @Nullable @Value("${endpoints.all.port}") Integer managementPort) {
    this.authenticator = authenticator;
    this.managementPort = managementPort;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (managementPort != null && request.getServerAddress().getPort() == managementPort) {
      return chain.proceed(request);
    }
    AuthResult result = authenticator.authenticate(request);
    if (!result.succeeded()) {
      LOG.warn(
          "Refused {} from {}: {}",
          request.getPath(),
          request.getRemoteAddress(),
          result.failure());
      return Publishers.just(
          ApiError.unauthorized(
              "Metrics need the admin token ("
                  + result.failure()
                  + "): send \"Authorization: Bearer <admin token>\", or set endpoints.all.port"
                  + " to serve them on a management port of their own"));
    }
    if (!result.caller().admin()) {
      LOG.warn(
          "Refused {} to token {} from {}: not the admin token",
          request.getPath(),
          result.caller().tokenId(),
          request.getRemoteAddress());
      return Publishers.just(
          ApiError.forbidden(
              "Only the admin token may read metrics: scrape with \"Authorization: Bearer"
                  + " <admin token>\" (SWITCHBOARD_TOKEN or <data-dir>/admin-token)"));
    }
    return chain.proceed(request);
  }
}

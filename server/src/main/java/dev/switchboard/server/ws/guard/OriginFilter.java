package dev.switchboard.server.ws.guard;

import dev.switchboard.server.auth.ApiError;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
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
 * OriginFilter answers 403 before the 101 when a browser opens a WebSocket from an origin that is
 * not allowed (cross-site WebSocket hijacking: a hostile page riding on the user's cookie).
 *
 * <p>Requests without an {@code Origin} header pass: browsers always send it on WebSocket upgrades,
 * so its absence means a non-browser client, which has to present the token itself and gains
 * nothing from a victim's cookie. The filter runs before authentication, so a hostile page gets 403
 * whatever credentials ride along.
 */
@Filter({"/ws", "/ws/**"})
final class OriginFilter implements HttpServerFilter {

  private static final Logger LOG = LoggerFactory.getLogger(OriginFilter.class);

  private final AllowedOrigins allowedOrigins;

  OriginFilter(AllowedOrigins allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin == null || allowedOrigins.allows(origin, request.getServerAddress().getPort())) {
      return chain.proceed(request);
    }
    LOG.warn(
        "Refused WebSocket origin {} on {} from {}",
        origin,
        request.getPath(),
        request.getRemoteAddress());
    return Publishers.just(ApiError.forbidden(AllowedOrigins.refusal(origin)));
  }
}

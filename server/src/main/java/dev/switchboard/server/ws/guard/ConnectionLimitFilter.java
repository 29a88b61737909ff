package dev.switchboard.server.ws.guard;

import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConnectionLimitFilter answers 429 before the 101 when the token of a WebSocket upgrade already
 * holds {@code switchboard.ws.max-connections-per-token} open sockets, so that a client in a
 * reconnect loop costs the server no WebSocket at all. It runs after authentication, which
 * identifies the token; see {@link TokenConnectionLimit} for how sockets are counted.
 */
@Filter({"/ws", "/ws/**"})
final class ConnectionLimitFilter implements HttpServerFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitFilter.class);

  private final TokenConnectionLimit limit;

  ConnectionLimitFilter(TokenConnectionLimit limit) {
    this.limit = limit;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty() || limit.hasRoom(caller.get().tokenId())) {
      return chain.proceed(request);
    }
    limit.refusedBeforeUpgrade();
    LOG.warn(
        "Refused WebSocket upgrade on {} from {}: token {} already holds {} sockets",
        request.getPath(),
        request.getRemoteAddress(),
        caller.get().tokenId(),
        limit.max());
    return Publishers.just(ApiError.tooManyRequests(limit.refusal()));
  }
}

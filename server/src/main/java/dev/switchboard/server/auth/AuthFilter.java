package dev.switchboard.server.auth;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
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
 * AuthFilter authenticates every request to {@code /api/**} and stores the {@link Caller} for
 * {@link Callers}. {@code /health} and static files are not matched, so stay public. WebSocket
 * upgrades are authenticated by the sockets' admission ({@code ws.guard.UpgradeAdmission}), with
 * the same {@link Authenticator}, answered 401 before any 101.
 *
 * <p>Signing in and out ({@code POST} and {@code DELETE /api/auth/session}) are public: the first
 * is how a token becomes a cookie, the second only clears a cookie.
 */
@Filter({"/api", "/api/**"})
final class AuthFilter implements HttpServerFilter {

  static final String SESSION_PATH = "/api/auth/session";

  private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

  private final Authenticator authenticator;

  AuthFilter(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (isPublic(request)) {
      return chain.proceed(request);
    }
    AuthResult result = authenticator.authenticate(request);
    if (result.succeeded()) {
      request.setAttribute(Callers.ATTRIBUTE, result.caller());
      return chain.proceed(request);
    }
    // The path without its query, which is where a misplaced token would be.
    LOG.warn(
        "Rejected unauthenticated {} {} from {}: {}",
        request.getMethod(),
        request.getPath(),
        request.getRemoteAddress(),
        result.failure());
    return Publishers.just(ApiError.unauthorized(result.refusal()));
  }

  private static boolean isPublic(HttpRequest<?> request) {
    HttpMethod method = request.getMethod();
    return (method == HttpMethod.POST || method == HttpMethod.DELETE)
        && SESSION_PATH.equals(request.getPath());
  }
}

package dev.switchboard.server.ws.guard;

import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Callers;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * SocketAdmissionFilter runs {@link UpgradeAdmission} for the sockets Micronaut serves ({@code
 * /ws/shell/{shellId}}, and any socket added under {@code /ws/} later) and stores the admitted
 * caller for {@link Callers}, in the place of the authentication filter, which covers {@code /api}
 * only.
 *
 * <p>{@code /ws} itself is not listed: its upgrade is answered by its own Netty handler before
 * Micronaut's router, which runs the same admission.
 */
@Filter("/ws/**")
final class SocketAdmissionFilter implements HttpServerFilter {

  private final UpgradeAdmission admission;

  SocketAdmissionFilter(UpgradeAdmission admission) {
    this.admission = admission;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    HttpHeaders headers = request.getHeaders();
    UpgradeAdmission.Verdict verdict =
        admission.admit(
            headers.get(HttpHeaders.ORIGIN),
            request.getServerAddress().getPort(),
            headers.get(HttpHeaders.AUTHORIZATION),
            headers.getAll(HttpHeaders.COOKIE),
            request.getPath(),
            request.getRemoteAddress());
    if (verdict.admitted()) {
      request.setAttribute(Callers.ATTRIBUTE, verdict.caller());
      return chain.proceed(request);
    }
    return Publishers.just(
        switch (verdict.status()) {
          case 401 -> ApiError.unauthorized(verdict.message());
          case 403 -> ApiError.forbidden(verdict.message());
          case 429 -> ApiError.tooManyRequests(verdict.message());
          default -> throw new IllegalStateException("no refusal has status " + verdict.status());
        });
  }
}

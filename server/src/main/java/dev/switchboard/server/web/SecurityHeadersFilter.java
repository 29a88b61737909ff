package dev.switchboard.server.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * SecurityHeadersFilter puts the {@link SecurityHeaders} on every answer: pages, static files, the
 * API, and the refusals and errors other filters and Micronaut produce.
 */
@Filter("/**")
final class SecurityHeadersFilter implements HttpServerFilter {

  @Override
  public int getOrder() {
    // Outermost, so that it sees the answers of every other filter, refusals included.
    return ServerFilterPhase.FIRST.before();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    return Publishers.map(chain.proceed(request), SecurityHeaders::addTo);
  }
}

package dev.switchboard.server.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/**
 * DevToolsAssetFilter answers 404 for the WebSocket dev tools' chunk ({@code
 * /assets/devtools-<hash>.js}, named so by the web client's Vite config) while {@code
 * switchboard.ui.dev-tools} is off: the page never asks for it then, and nobody else gets it
 * either, so a deployment without dev tools serves none of their code (ADR 0007).
 */
@Filter("/assets/**")
@Requires(property = "switchboard.ui.dev-tools", notEquals = "true")
final class DevToolsAssetFilter implements HttpServerFilter {

  /** The dev tools' chunk: its path starts with this. */
  static final String CHUNK_PREFIX = "/assets/devtools-";

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (request.getPath().startsWith(CHUNK_PREFIX)) {
      return Publishers.just(HttpResponse.notFound());
    }
    return chain.proceed(request);
  }
}

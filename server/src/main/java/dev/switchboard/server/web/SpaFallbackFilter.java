package dev.switchboard.server.web;

import dev.switchboard.server.auth.ApiError;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * SpaFallbackFilter answers the web client's own routes ({@code /projects/abc}, a reload or a
 * shared link) with {@code index.html}, so that client-side routing works from any URL.
 *
 * <p>It only replaces a 404 of a browser page request: a {@code GET} or {@code HEAD} that accepts
 * {@code text/html}, outside the server's own prefixes ({@code /api}, {@code /ws}, {@code /health},
 * {@code /prometheus}) and without a file extension in its last segment. So {@code
 * /assets/missing.js} stays a 404 instead of turning into HTML. Under {@code /api} a path no route
 * matches gets the API's JSON {@code not_found} error, even from a browser (Micronaut would answer
 * one that accepts HTML with an HTML error page).
 */
@Filter("/**")
final class SpaFallbackFilter implements HttpServerFilter {

  static final String INDEX = "classpath:public/index.html";

  private static final List<String> SERVER_PREFIXES =
      List.of("/api", "/ws", "/health", "/prometheus");

  private final ResourceResolver resources;

  SpaFallbackFilter(ResourceResolver resources) {
    this.resources = resources;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (isApiPath(request.getPath())) {
      return Publishers.map(
          chain.proceed(request),
          response ->
              response.status() == HttpStatus.NOT_FOUND && !isJson(response)
                  ? noApiRoute(request)
                  : response);
    }
    if (!isPageRequest(request)) {
      return chain.proceed(request);
    }
    return Publishers.map(
        chain.proceed(request),
        response -> response.status() == HttpStatus.NOT_FOUND ? indexOr(response) : response);
  }

  private static boolean isApiPath(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }

  private static boolean isJson(MutableHttpResponse<?> response) {
    return response
        .getContentType()
        .map(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
        .orElse(false);
  }

  private static MutableHttpResponse<ApiError> noApiRoute(HttpRequest<?> request) {
    return ApiError.notFound(
        "No API route matches "
            + request.getMethod()
            + " "
            + request.getPath()
            + ": see the README for the paths under /api");
  }

  private MutableHttpResponse<?> indexOr(MutableHttpResponse<?> notFound) {
    Optional<byte[]> index = readIndex();
    if (index.isEmpty()) {
      return notFound; // the web client is not built into this jar
    }
    return HttpResponse.ok(index.get())
        .contentType(MediaType.TEXT_HTML_TYPE)
        // index.html names the hashed bundles of this build: never serve a stale one.
        .header(HttpHeaders.CACHE_CONTROL, "no-cache");
  }

  private Optional<byte[]> readIndex() {
    Optional<InputStream> stream = resources.getResourceAsStream(INDEX);
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = stream.get()) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + INDEX, e);
    }
  }

  static boolean isPageRequest(HttpRequest<?> request) {
    HttpMethod method = request.getMethod();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      return false;
    }
    String path = request.getPath();
    for (String prefix : SERVER_PREFIXES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return false;
      }
    }
    String lastSegment = path.substring(path.lastIndexOf('/') + 1);
    if (lastSegment.contains(".")) {
      return false;
    }
    return request.accept().stream()
        .anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
  }
}

package dev.switchboard.server.web;

import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Authenticator;
import dev.switchboard.server.ws.guard.AllowedOrigins;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UnsafeRequestFilter admits a request that changes something ({@code POST}, {@code PUT}, {@code
 * PATCH}, {@code DELETE}, any method but {@code GET}, {@code HEAD}, {@code OPTIONS} and {@code
 * TRACE}) only when it comes from a page of this server or carries its own credentials, and only
 * with a JSON body under {@code /api}: cross-site request forgery protection (ADR 0010).
 *
 * <p>SameSite=Strict does not separate two ports of one host, so a page on {@code
 * http://localhost:3000} gets the session cookie sent along with a {@code fetch} to this server.
 * Browsers say where a request comes from in {@code Origin} (on every unsafe request) and {@code
 * Sec-Fetch-Site}; a request of the form's or a Blob's content type needs no CORS preflight, while
 * {@code application/json} does, and this server grants none. The rules run before authentication,
 * in this order; the first that refuses answers.
 */
@Filter("/**")
final class UnsafeRequestFilter implements HttpServerFilter {

  private static final Logger LOG = LoggerFactory.getLogger(UnsafeRequestFilter.class);

  private static final Set<HttpMethod> SAFE_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  /** {@code Sec-Fetch-Site} values of a request the page's own origin (or the user) started. */
  private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

  static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
  static final String JSON = "application/json";

  private static final String HOW_TO_SCRIPT =
      "; scripts and other backends send \"Authorization: Bearer <token>\" instead of the cookie";

  private final AllowedOrigins allowedOrigins;

  UnsafeRequestFilter(AllowedOrigins allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  @Override
  public int getOrder() {
    // Before authentication: a forged request is refused whatever credentials ride along.
    return ServerFilterPhase.SECURITY.before();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    MutableHttpResponse<ApiError> refusal = refusal(request);
    return refusal == null ? chain.proceed(request) : Publishers.just(refusal);
  }

  /** The answer that refuses {@code request}, or null when it may go on: the rules, in order. */
  @Nullable
  MutableHttpResponse<ApiError> refusal(HttpRequest<?> request) {
    HttpMethod method = request.getMethod();
    HttpHeaders headers = request.getHeaders();
    String origin = headers.get(HttpHeaders.ORIGIN);
    String fetchSite = headers.get(SEC_FETCH_SITE);
    // 1. Reading changes nothing; a page on another origin cannot read the answer either.
    if (SAFE_METHODS.contains(method)) {
      return null;
    }
    // 2. An Authorization header is never added by a browser on its own (a cross-origin page would
    //    need a preflight, which is never granted), and with one the cookie is not looked at.
    boolean browserCredentials = !headers.contains(HttpHeaders.AUTHORIZATION);
    // 3. Origin, when present, must be this server's own or an allowed one.
    if (browserCredentials
        && origin != null
        && !allowedOrigins.allows(origin, request.getServerAddress().getPort())) {
      return refuse(
          request,
          "origin " + origin,
          "Origin "
              + origin
              + " may not "
              + method
              + " here: only pages of this server and the origins in"
              + " switchboard.ws.allowed-origins may change anything from a browser"
              + HOW_TO_SCRIPT);
    }
    // 4. Without Origin, the browser's Sec-Fetch-Site must say the request is the page's own.
    if (browserCredentials
        && origin == null
        && fetchSite != null
        && !OWN_FETCH_SITES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
      return refuse(
          request,
          "Sec-Fetch-Site " + fetchSite,
          "A "
              + method
              + " marked \"Sec-Fetch-Site: "
              + fetchSite
              + "\" comes from a page of another origin, which may not change anything here"
              + HOW_TO_SCRIPT);
    }
    // 5. A session cookie with neither header: browsers send one of them on every unsafe request,
    //    so this is an old browser, a proxy that strips them, or a script holding a cookie.
    if (browserCredentials
        && origin == null
        && fetchSite == null
        && Authenticator.carriesSessionCookie(request)) {
      return refuse(
          request,
          "no Origin or Sec-Fetch-Site with the session cookie",
          "A "
              + method
              + " with the session cookie must say where it comes from (Origin or"
              + " Sec-Fetch-Site, which browsers send by themselves)"
              + HOW_TO_SCRIPT);
    }
    // 6. The API reads JSON only: a form or a Blob (text/plain or no type) is what another site
    //    can send without a preflight.
    if (isApi(request.getPath())) {
      return jsonBodyRefusal(request);
    }
    return null;
  }

  @Nullable
  private static MutableHttpResponse<ApiError> jsonBodyRefusal(HttpRequest<?> request) {
    String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
    if (contentType == null) {
      return hasBody(request)
          ? ApiError.unsupportedMediaType(
              "The request has a body but no Content-Type: send JSON with \"Content-Type: "
                  + JSON
                  + "\"")
          : null;
    }
    if (isJson(contentType)) {
      return null;
    }
    return ApiError.unsupportedMediaType(
        "Content-Type "
            + contentType.strip()
            + " is not accepted: send JSON with \"Content-Type: "
            + JSON
            + "\"");
  }

  private static MutableHttpResponse<ApiError> refuse(
      HttpRequest<?> request, String reason, String message) {
    LOG.warn(
        "Refused cross-site {} {} from {}: {}",
        request.getMethod(),
        request.getPath(),
        request.getRemoteAddress(),
        reason);
    return ApiError.forbidden(message);
  }

  /** {@code application/json}, with parameters such as {@code charset=utf-8} or without. */
  static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals(JSON);
  }

  /** HTTP/1.1: a request has a body when it says how long it is, or that it is chunked. */
  private static boolean hasBody(HttpRequest<?> request) {
    return request.getContentLength() > 0
        || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  private static boolean isApi(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }
}

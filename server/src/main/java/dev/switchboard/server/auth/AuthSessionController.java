package dev.switchboard.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthSessionController exchanges a token for the HttpOnly session cookie the web client uses
 * ({@code POST /api/auth/session}), clears it ({@code DELETE}), and tells a caller who it is
 * ({@code GET /api/auth/me}).
 */
@Controller("/api/auth")
final class AuthSessionController {

  private static final Logger LOG = LoggerFactory.getLogger(AuthSessionController.class);

  private final Authenticator authenticator;
  private final JsonMapper json;

  AuthSessionController(Authenticator authenticator, JsonMapper json) {
    this.authenticator = authenticator;
    this.json = json;
  }

  /** Signs in: 204 with the session cookie, 401 for an unknown token, 400 for a bad body. */
  @Post("/session")
  MutableHttpResponse<?> signIn(HttpRequest<?> request, @Nullable @Body String body) {
    String token = readToken(body);
    if (token == null) {
      return ApiError.badRequest(
          "Send the token as JSON: {\"token\": \"<token>\"} with Content-Type: application/json");
    }
    AuthResult result = authenticator.authenticateToken(token);
    if (!result.succeeded()) {
      LOG.warn("Rejected sign-in from {}: {}", request.getRemoteAddress(), result.failure());
      return ApiError.unauthorized(
          "The token is not recognised: copy it again from the URL the server printed at"
              + " start-up (or from <data-dir>/admin-token), or ask an admin for a scoped token");
    }
    Caller caller = result.caller();
    LOG.info("Signed in token {} from {}", caller.tokenId(), request.getRemoteAddress());
    return HttpResponse.noContent()
        .cookie(
            sessionCookie(authenticator.issueSession(caller), authenticator.sessionTtl(), request));
  }

  /** Signs out: 204 with an expired cookie. Public, so a stale cookie can always be cleared. */
  @Delete("/session")
  MutableHttpResponse<?> signOut(HttpRequest<?> request) {
    return HttpResponse.noContent().cookie(sessionCookie("", Duration.ZERO, request));
  }

  /** The authenticated caller: token id, admin, project ids and shell. */
  @Get("/me")
  Caller me(HttpRequest<?> request) {
    return Callers.require(request);
  }

  @Nullable
  private String readToken(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      SessionRequest parsed = json.readValue(body, SessionRequest.class);
      return parsed == null || parsed.token() == null || parsed.token().isBlank()
          ? null
          : parsed.token().strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Cookie sessionCookie(String value, Duration maxAge, HttpRequest<?> request) {
    return Cookie.of(AuthCookieCodec.COOKIE_NAME, value)
        .httpOnly(true)
        .sameSite(SameSite.Strict)
        .path("/")
        .maxAge(maxAge)
        .secure(isHttps(request));
  }

  /**
   * Whether the browser reached us over HTTPS: directly, or through a TLS reverse proxy that says
   * so. Trusting the header can only add {@code Secure}, never remove it.
   */
  private static boolean isHttps(HttpRequest<?> request) {
    return request.isSecure()
        || request
            .getHeaders()
            .get("X-Forwarded-Proto", String.class)
            .map(proto -> proto.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https"))
            .orElse(false);
  }
}

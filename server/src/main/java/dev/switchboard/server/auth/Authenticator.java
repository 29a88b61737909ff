package dev.switchboard.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticator turns a request's credentials (a Bearer token, else the session cookie) into a
 * {@link Caller}, and issues session cookies.
 */
@Singleton
public final class Authenticator {

  private static final String BEARER = "bearer ";
  private static final byte[] NO_BINDING = new byte[0];

  private final AdminToken adminToken;
  private final TokenStore tokens;
  private final AuthCookieCodec cookies;
  private final Duration sessionTtl;
  private final Clock clock;

  @Inject
  Authenticator(
      AdminToken adminToken,
      TokenStore tokens,
      AuthCookieCodec cookies,
      AuthConfiguration configuration) {
    this(adminToken, tokens, cookies, configuration.sessionTtl(), Clock.systemUTC());
  }

  Authenticator(
      AdminToken adminToken,
      TokenStore tokens,
      AuthCookieCodec cookies,
      Duration sessionTtl,
      Clock clock) {
    this.adminToken = adminToken;
    this.tokens = tokens;
    this.cookies = cookies;
    this.sessionTtl = sessionTtl;
    this.clock = clock;
  }

  /**
   * Whether the request carries the session cookie, valid or not: the credential a browser attaches
   * by itself, which is what cross-site request forgery rides on.
   */
  public static boolean carriesSessionCookie(HttpRequest<?> request) {
    return request.getCookies().findCookie(AuthCookieCodec.COOKIE_NAME).isPresent();
  }

  /** Authenticates the Authorization header if present (even if wrong), else the cookie. */
  AuthResult authenticate(HttpRequest<?> request) {
    return authenticateCredentials(
        request.getHeaders().get(HttpHeaders.AUTHORIZATION),
        request
            .getCookies()
            .findCookie(AuthCookieCodec.COOKIE_NAME)
            .map(Cookie::getValue)
            .orElse(null));
  }

  /**
   * Authenticates raw request headers, for transports that read them themselves (the {@code /ws}
   * upgrade): the Authorization header's value if present (even if wrong), else the session cookie
   * found in the Cookie headers' values.
   */
  public AuthResult authenticate(@Nullable String authorization, List<String> cookieHeaders) {
    for (String header : cookieHeaders) {
      for (var cookie : ServerCookieDecoder.LAX.decode(header)) {
        if (cookie.name().equals(AuthCookieCodec.COOKIE_NAME)) {
          return authenticateCredentials(authorization, cookie.value());
        }
      }
    }
    return authenticateCredentials(authorization, null);
  }

  private AuthResult authenticateCredentials(
      @Nullable String authorization, @Nullable String sessionCookie) {
    if (authorization != null) {
      String header = authorization.strip();
      if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
        return AuthResult.failure("the Authorization header is not of the form \"Bearer <token>\"");
      }
      return authenticateToken(header.substring(BEARER.length()).strip());
    }
    if (sessionCookie != null) {
      return authenticateSession(sessionCookie);
    }
    return AuthResult.failure(
        "no credentials (no Authorization header, no " + AuthCookieCodec.COOKIE_NAME + " cookie)");
  }

  /** Authenticates a raw admin or scoped token. */
  AuthResult authenticateToken(String raw) {
    if (adminToken.matches(raw)) {
      return AuthResult.success(Caller.forAdmin());
    }
    return tokens
        .authenticate(raw)
        .map(AuthResult::success)
        .orElseGet(
            () ->
                AuthResult.failure(
                    "the token is not recognised (mistyped, revoked, or from another server)"));
  }

  /** Authenticates a session cookie's value: signature, then expiry, then the token still valid. */
  AuthResult authenticateSession(String value) {
    Optional<AuthCookieCodec.Claims> decoded = cookies.decode(value);
    if (decoded.isEmpty()) {
      return AuthResult.failure("the session cookie is malformed");
    }
    AuthCookieCodec.Claims claims = decoded.get();
    boolean admin = Caller.ADMIN_TOKEN_ID.equals(claims.tokenId());
    if (!cookies.verify(claims, admin ? adminToken.digest() : NO_BINDING)) {
      return AuthResult.failure(
          "the session cookie's signature does not match (altered, issued by another server, or"
              + " the admin token changed)");
    }
    if (!claims.expiresAt().isAfter(clock.instant())) {
      return AuthResult.failure("the session cookie expired at " + claims.expiresAt());
    }
    if (admin) {
      return AuthResult.success(Caller.forAdmin());
    }
    return tokens
        .find(claims.tokenId())
        .map(info -> AuthResult.success(info.caller()))
        .orElseGet(
            () -> AuthResult.failure("the session's token " + claims.tokenId() + " was revoked"));
  }

  /** A signed session cookie value for the caller, valid for the configured session TTL. */
  String issueSession(Caller caller) {
    return issueSession(caller, clock.instant().plus(sessionTtl));
  }

  String issueSession(Caller caller, Instant expiresAt) {
    byte[] binding = caller.admin() ? adminToken.digest() : NO_BINDING;
    return cookies.encode(caller.tokenId(), expiresAt, binding);
  }

  Duration sessionTtl() {
    return sessionTtl;
  }
}

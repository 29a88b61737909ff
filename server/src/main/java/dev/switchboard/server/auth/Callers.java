package dev.switchboard.server.auth;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callers gives controllers and WebSocket endpoints the {@link Caller} that {@link AuthFilter} (or,
 * for a WebSocket upgrade, the sockets' admission filter) authenticated for a request (for a
 * WebSocket, the upgrade request: declare an {@code HttpRequest<?>} parameter on the
 * {@code @OnOpen} method).
 */
public final class Callers {

  /** The request attribute under which the authenticating filter stores the {@link Caller}. */
  public static final String ATTRIBUTE = "switchboard.auth.caller";

  private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

  private Callers() {}

  /**
   * A 403 (logged) unless the request's caller holds the admin token; null when it does. {@code
   * action} completes "Only the admin token may …", e.g. {@code "manage tokens"}.
   */
  public static @Nullable MutableHttpResponse<ApiError> denyUnlessAdmin(
      HttpRequest<?> request, String action) {
    Caller caller = require(request);
    if (caller.admin()) {
      return null;
    }
    LOG.warn(
        "Refused {} {} to token {} from {}: not the admin token",
        request.getMethod(),
        request.getPath(),
        caller.tokenId(),
        request.getRemoteAddress());
    return ApiError.forbidden(
        "Only the admin token may "
            + action
            + ": use the admin token (SWITCHBOARD_TOKEN or <data-dir>/admin-token)");
  }

  /** The request's caller; empty on public paths, which the filter does not authenticate. */
  public static Optional<Caller> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, Caller.class);
  }

  /**
   * The request's caller, or a 401 {@link HttpStatusException} if the request was not authenticated
   * (which means the path is missing from {@link AuthFilter}'s patterns).
   */
  public static Caller require(HttpRequest<?> request) {
    return of(request)
        .orElseThrow(
            () ->
                new HttpStatusException(
                    HttpStatus.UNAUTHORIZED,
                    new ApiError(
                        ErrorCode.UNAUTHORIZED,
                        "this path is not authenticated; " + AuthResult.HOW_TO_AUTHENTICATE)));
  }
}

package dev.switchboard.server.auth;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.Optional;

/**
 * Callers gives controllers and WebSocket endpoints the {@link Caller} that {@link AuthFilter}
 * authenticated for a request (for a WebSocket, the upgrade request: declare an {@code
 * HttpRequest<?>} parameter on the {@code @OnOpen} method).
 */
public final class Callers {

  /** The request attribute under which {@link AuthFilter} stores the {@link Caller}. */
  public static final String ATTRIBUTE = "switchboard.auth.caller";

  private Callers() {}

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
                        "this path is not authenticated; " + AuthFilter.HOW_TO_AUTHENTICATE)));
  }
}

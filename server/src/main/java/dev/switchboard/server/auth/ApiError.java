package dev.switchboard.server.auth;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ApiError is the JSON body of a REST error, {@code {"code":"forbidden","message":"..."}}: clients
 * branch on the stable {@code code}; the {@code message} tells a person how to fix the request.
 */
@Serdeable
public record ApiError(ErrorCode code, String message) {

  /** Requires both fields. */
  public ApiError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** A JSON response with this error as its body. */
  public MutableHttpResponse<ApiError> toResponse(HttpStatus status) {
    return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(this);
  }

  /** 400 {@code bad_request}. */
  public static MutableHttpResponse<ApiError> badRequest(String message) {
    return new ApiError(ErrorCode.BAD_REQUEST, message).toResponse(HttpStatus.BAD_REQUEST);
  }

  /** 401 {@code unauthorized}, with a {@code WWW-Authenticate: Bearer} challenge. */
  public static MutableHttpResponse<ApiError> unauthorized(String message) {
    return new ApiError(ErrorCode.UNAUTHORIZED, message)
        .toResponse(HttpStatus.UNAUTHORIZED)
        .header("WWW-Authenticate", "Bearer realm=\"switchboard\"");
  }

  /** 403 {@code forbidden}. */
  public static MutableHttpResponse<ApiError> forbidden(String message) {
    return new ApiError(ErrorCode.FORBIDDEN, message).toResponse(HttpStatus.FORBIDDEN);
  }

  /**
   * 415 with {@code bad_request}: the body is not JSON. The contract has no code of its own for
   * this; the status tells clients apart, and the message names the type that was sent.
   */
  public static MutableHttpResponse<ApiError> unsupportedMediaType(String message) {
    return new ApiError(ErrorCode.BAD_REQUEST, message)
        .toResponse(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  /** 429 {@code rate_limited}: the request may succeed later, once the caller uses less. */
  public static MutableHttpResponse<ApiError> tooManyRequests(String message) {
    return new ApiError(ErrorCode.RATE_LIMITED, message).toResponse(HttpStatus.TOO_MANY_REQUESTS);
  }

  /** 404 {@code not_found}. */
  public static MutableHttpResponse<ApiError> notFound(String message) {
    return new ApiError(ErrorCode.NOT_FOUND, message).toResponse(HttpStatus.NOT_FOUND);
  }
}

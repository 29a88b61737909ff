package dev.switchboard.server.api;

import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProjectAccess answers whether a REST caller may use a project, and words the refusal: a scoped
 * token is refused every project it does not cover, whether or not the project exists, so it learns
 * nothing about other projects.
 */
final class ProjectAccess {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectAccess.class);

  private ProjectAccess() {}

  /** A 403 when the caller may not use the project; null when it may. */
  @Nullable
  static MutableHttpResponse<ApiError> deny(
      HttpRequest<?> request, Caller caller, String projectId) {
    if (caller.canAccessProject(projectId)) {
      return null;
    }
    LOG.warn(
        "Refused {} {} to token {} from {}: the token does not cover the project",
        request.getMethod(),
        request.getPath(),
        caller.tokenId(),
        request.getRemoteAddress());
    return ApiError.forbidden(
        "Your token does not cover project \""
            + projectId
            + "\": GET /api/projects lists the projects it covers; ask the admin for a token"
            + " that includes this one");
  }
}

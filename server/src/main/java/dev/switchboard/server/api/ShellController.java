package dev.switchboard.server.api;

import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.input.JsonBodies;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectStore;
import dev.switchboard.server.shell.Shell;
import dev.switchboard.server.shell.ShellAccess;
import dev.switchboard.server.shell.ShellInfo;
import dev.switchboard.server.shell.ShellLimitException;
import dev.switchboard.server.shell.ShellRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellController serves shells over REST: {@code POST /api/projects/{projectId}/shells} starts one
 * and answers where to attach ({@code socketPath}); {@code GET} and {@code DELETE
 * /api/shells/{shellId}} inspect and end it. Every call needs a token with the shell permission for
 * the project.
 */
@Controller("/api")
final class ShellController {

  private static final Logger LOG = LoggerFactory.getLogger(ShellController.class);

  private final ProjectStore projects;
  private final ShellRegistry shells;
  private final JsonBodies bodies;

  ShellController(ProjectStore projects, ShellRegistry shells, JsonBodies bodies) {
    this.projects = projects;
    this.shells = shells;
    this.bodies = bodies;
  }

  /** 201 with the new shell; the body {@code {cols, rows}} is optional. */
  @Post("/projects/{projectId}/shells")
  MutableHttpResponse<?> create(
      HttpRequest<?> request, @PathVariable String projectId, @Nullable @Body String body) {
    Caller caller = Callers.require(request);
    if (!caller.canOpenShell(projectId)) {
      LOG.warn(
          "Refused a shell in project {} to token {} from {}: no shell permission for it",
          projectId,
          caller.tokenId(),
          request.getRemoteAddress());
      return ApiError.forbidden(
          "Your token may not open shells in project \""
              + projectId
              + "\": ask the admin for a token with \"shell\": true that covers it");
    }
    ShellSizeRequest size = new ShellSizeRequest(null, null);
    if (body != null && !body.isBlank()) {
      JsonBodies.Parsed<ShellSizeRequest> parsed = bodies.parse(body, ShellSizeRequest.class);
      if (!parsed.ok()) {
        return ApiError.badRequest(
            parsed.problemOr(
                "Send JSON like {\"cols\": 80, \"rows\": 24} (or no body) with Content-Type:"
                    + " application/json"));
      }
      size = parsed.value();
    }
    String problem = size.problem();
    if (problem != null) {
      return ApiError.badRequest(problem);
    }
    Optional<Project> project = projects.find(projectId);
    if (project.isEmpty()) {
      return ProjectController.notFound(projectId);
    }
    Path directory = Path.of(project.get().path());
    if (!Files.isDirectory(directory)) {
      return new ApiError(
              ErrorCode.CONFLICT,
              "The project's directory "
                  + directory
                  + " no longer exists: recreate it, or create the project again with a valid"
                  + " path")
          .toResponse(HttpStatus.CONFLICT);
    }
    try {
      Shell shell = shells.create(caller, projectId, directory, size.size());
      return HttpResponse.status(HttpStatus.CREATED).body(ShellInfo.of(shell));
    } catch (ShellLimitException e) {
      return new ApiError(ErrorCode.CONFLICT, e.getMessage()).toResponse(HttpStatus.CONFLICT);
    } catch (IOException | RuntimeException e) {
      LOG.error("Shell in project {} failed to start", projectId, e);
      return new ApiError(
              ErrorCode.INTERNAL,
              "The shell failed to start (" + e.getMessage() + "); see the server log")
          .toResponse(HttpStatus.INTERNAL_SERVER_ERROR);
    }
  }

  /** The shell: its size, whether a socket is attached, where to attach. */
  @Get("/shells/{shellId}")
  MutableHttpResponse<?> get(HttpRequest<?> request, @PathVariable String shellId) {
    Optional<Shell> shell = shells.find(shellId);
    MutableHttpResponse<ApiError> denied = deny(request, shellId, shell);
    return denied != null ? denied : HttpResponse.ok(ShellInfo.of(shell.get()));
  }

  /** 204 once the shell has been told to end (SIGHUP now, SIGKILL after the configured delay). */
  @Delete("/shells/{shellId}")
  MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String shellId) {
    Optional<Shell> shell = shells.find(shellId);
    MutableHttpResponse<ApiError> denied = deny(request, shellId, shell);
    if (denied != null) {
      return denied;
    }
    shells.terminate(shell.get(), "deleted by token " + Callers.require(request).tokenId());
    return HttpResponse.noContent();
  }

  /** 404 for a shell that is not running, 403 for one the caller may not use; null otherwise. */
  @Nullable
  private static MutableHttpResponse<ApiError> deny(
      HttpRequest<?> request, String shellId, Optional<Shell> shell) {
    Caller caller = Callers.require(request);
    if (shell.isPresent() && ShellAccess.mayUse(caller, shell.get())) {
      return null;
    }
    if (shell.isEmpty() && (caller.admin() || caller.shell())) {
      return ApiError.notFound(
          "No running shell has the id \""
              + shellId
              + "\": it ended, or never existed; create one with POST"
              + " /api/projects/{projectId}/shells");
    }
    return ApiError.forbidden(
        "Your token may not use this shell: only the token that opened it (with the shell"
            + " permission for its project) or the admin may");
  }
}

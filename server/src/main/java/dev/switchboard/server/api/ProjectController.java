package dev.switchboard.server.api;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.channel.SessionOwnership;
import dev.switchboard.server.input.JsonBodies;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectStore;
import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.wire.ChannelPublisher;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProjectController serves {@code /api/projects}: create (admin only), list, get and delete. Scoped
 * tokens see and delete only the projects they cover.
 */
@Controller("/api/projects")
final class ProjectController {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectController.class);

  private final ProjectStore projects;
  private final ChannelPublisher publisher;
  private final SessionOwnership ownership;
  private final JsonBodies bodies;
  private final Sandbox sandbox;

  ProjectController(
      ProjectStore projects,
      ChannelPublisher publisher,
      JsonBodies bodies,
      SessionOwnership ownership,
      Sandbox sandbox) {
    this.sandbox = sandbox;
    this.ownership = ownership;
    this.projects = projects;
    this.publisher = publisher;
    this.bodies = bodies;
  }

  /** 201 with the new project. */
  @Post
  MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
    MutableHttpResponse<ApiError> denied = Callers.denyUnlessAdmin(request, "create projects");
    if (denied != null) {
      return denied;
    }
    JsonBodies.Parsed<ProjectRequest> parsed = bodies.parse(body, ProjectRequest.class);
    if (!parsed.ok()) {
      return ApiError.badRequest(
          parsed.problemOr(
              "Send JSON like " + ProjectRequest.EXAMPLE + " with Content-Type: application/json"));
    }
    ProjectRequest projectRequest = parsed.value();
    String problem = projectRequest.nameProblem();
    if (problem != null) {
      return ApiError.badRequest(problem);
    }
    Path directory;
    try {
      directory = projectRequest.directory();
    } catch (IllegalArgumentException e) {
      return ApiError.badRequest(e.getMessage());
    }
    List<Path> others = projects.list().stream().map(p -> Path.of(p.path())).toList();
    Optional<String> unsafe = sandbox.projectPathProblem(directory, others);
    if (unsafe.isPresent()) {
      return ApiError.badRequest(
          "path: "
              + unsafe.get()
              + ". Agents and shells may write anywhere in a project: choose a directory of its"
              + " own, such as /home/me/code/web.");
    }
    Project project = projects.create(projectRequest.name().strip(), directory.toString());
    LOG.info("Created project {}", project.id());
    return HttpResponse.status(HttpStatus.CREATED).body(project);
  }

  /** The projects the caller may use, oldest first. */
  @Get
  List<Project> list(HttpRequest<?> request) {
    Caller caller = Callers.require(request);
    return projects.list().stream()
        .filter(project -> caller.canAccessProject(project.id()))
        .toList();
  }

  /** The project, 403 if the caller may not use it, 404 if it does not exist. */
  @Get("/{projectId}")
  MutableHttpResponse<?> get(HttpRequest<?> request, @PathVariable String projectId) {
    MutableHttpResponse<ApiError> denied =
        ProjectAccess.deny(request, Callers.require(request), projectId);
    if (denied != null) {
      return denied;
    }
    return projects
        .find(projectId)
        .<MutableHttpResponse<?>>map(HttpResponse::ok)
        .orElseGet(() -> notFound(projectId));
  }

  /** 204 once the project, its sessions and their messages are deleted. */
  @Delete("/{projectId}")
  MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String projectId) {
    MutableHttpResponse<ApiError> denied =
        ProjectAccess.deny(request, Callers.require(request), projectId);
    if (denied != null) {
      return denied;
    }
    Optional<List<SessionSummary>> deleted = projects.delete(projectId);
    if (deleted.isEmpty()) {
      return notFound(projectId);
    }
    // Committed: tell open tabs that the project's sessions are gone.
    for (SessionSummary session : deleted.get()) {
      ownership.forget(session.id());
      publisher.publish(
          new SessionDeletedEvent(
              Channels.project(projectId), new SessionDeletedData(session.id(), projectId)));
    }
    LOG.info("Deleted project {} with {} sessions", projectId, deleted.get().size());
    return HttpResponse.noContent();
  }

  static MutableHttpResponse<ApiError> notFound(String projectId) {
    return ApiError.notFound(
        "No project has the id \"" + projectId + "\": GET /api/projects lists the projects");
  }
}

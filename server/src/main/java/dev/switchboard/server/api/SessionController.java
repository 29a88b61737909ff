package dev.switchboard.server.api;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.project.SessionCreatedEvent;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.project.SessionUpdatedEvent;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.channel.SessionOwnership;
import dev.switchboard.server.input.JsonBodies;
import dev.switchboard.server.project.ProjectStore;
import dev.switchboard.server.session.AgentSession;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import dev.switchboard.server.session.agent.SessionSnapshots;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.StreamedFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SessionController serves agent sessions: create and list per project ({@code
 * /api/projects/{projectId}/sessions}), get with messages, rename and delete ({@code
 * /api/sessions/{sessionId}}), and a message's stored output as a file ({@code
 * /api/sessions/{sessionId}/messages/{messageId}/output}). Each change is published on {@code
 * project:<id>} after it commits.
 */
@Controller("/api")
final class SessionController {

  private final ProjectStore projects;
  private final SessionStore sessions;
  private final ChannelPublisher publisher;
  private final SessionOwnership ownership;
  private final SessionSnapshots snapshots;
  private final JsonBodies bodies;

  SessionController(
      ProjectStore projects,
      SessionStore sessions,
      ChannelPublisher publisher,
      SessionSnapshots snapshots,
      JsonBodies bodies,
      SessionOwnership ownership) {
    this.ownership = ownership;
    this.projects = projects;
    this.sessions = sessions;
    this.publisher = publisher;
    this.snapshots = snapshots;
    this.bodies = bodies;
  }

  /** 201 with the new session; the title is optional. */
  @Post("/projects/{projectId}/sessions")
  MutableHttpResponse<?> create(
      HttpRequest<?> request, @PathVariable String projectId, @Nullable @Body String body) {
    MutableHttpResponse<ApiError> denied =
        ProjectAccess.deny(request, Callers.require(request), projectId);
    if (denied != null) {
      return denied;
    }
    SessionTitleRequest titleRequest;
    if (body == null || body.isBlank()) {
      titleRequest = new SessionTitleRequest(null);
    } else {
      JsonBodies.Parsed<SessionTitleRequest> parsed = bodies.parse(body, SessionTitleRequest.class);
      if (!parsed.ok()) {
        return ApiError.badRequest(
            parsed.problemOr(
                "Send JSON like {\"title\": \"Fix the build\"} (or no body) with Content-Type:"
                    + " application/json"));
      }
      titleRequest = parsed.value();
    }
    String problem = titleRequest.problem(false);
    if (problem != null) {
      return ApiError.badRequest(problem);
    }
    if (projects.find(projectId).isEmpty()) {
      return ProjectController.notFound(projectId);
    }
    SessionSummary created = sessions.create(projectId, titleRequest.titleOrDefault());
    publisher.publish(new SessionCreatedEvent(Channels.project(projectId), created));
    return HttpResponse.status(HttpStatus.CREATED).body(created);
  }

  /** The project's sessions, oldest first. */
  @Get("/projects/{projectId}/sessions")
  MutableHttpResponse<?> list(HttpRequest<?> request, @PathVariable String projectId) {
    MutableHttpResponse<ApiError> denied =
        ProjectAccess.deny(request, Callers.require(request), projectId);
    if (denied != null) {
      return denied;
    }
    if (projects.find(projectId).isEmpty()) {
      return ProjectController.notFound(projectId);
    }
    return HttpResponse.ok(sessions.list(projectId));
  }

  /**
   * The session, its messages and the stream position of {@code session:<id>} they match (read
   * together, see {@link SessionSnapshots}): {@code subscribe since} that position then delivers
   * every later event once, including the rest of a running reply's output.
   */
  @Get("/sessions/{sessionId}")
  MutableHttpResponse<?> get(HttpRequest<?> request, @PathVariable String sessionId) {
    MutableHttpResponse<ApiError> denied = denySession(request, sessionId);
    if (denied != null) {
      return denied;
    }
    return snapshots
        .read(sessionId)
        .<MutableHttpResponse<?>>map(
            read -> HttpResponse.ok(response(read.snapshot(), read.position())))
        .orElseGet(() -> notFound(sessionId));
  }

  /**
   * A message's stored output as a UTF-8 text file, sent as an attachment: what the server kept of
   * an agent reply (so far, while it runs), at most {@code switchboard.agent.max-stored-chars}
   * characters and then ending with the note that says so. The page links here once a reply has
   * printed more lines than it keeps. Authorised exactly like the session; a message id of another
   * session is 404 (a scoped token never reaches another project's session, so it learns nothing).
   */
  @Get("/sessions/{sessionId}/messages/{messageId}/output")
  MutableHttpResponse<?> output(
      HttpRequest<?> request, @PathVariable String sessionId, @PathVariable String messageId) {
    MutableHttpResponse<ApiError> denied = denySession(request, sessionId);
    if (denied != null) {
      return denied;
    }
    return sessions
        .message(sessionId, messageId)
        .<MutableHttpResponse<?>>map(
            message -> {
              byte[] bytes = message.content().getBytes(StandardCharsets.UTF_8);
              StreamedFile file =
                  new StreamedFile(
                          new ByteArrayInputStream(bytes),
                          MediaType.of("text/plain; charset=utf-8"),
                          message.createdAt().toEpochMilli(),
                          bytes.length)
                      .attach("reply-" + messageId + ".txt");
              return HttpResponse.ok(file).header("Cache-Control", "no-store");
            })
        .orElseGet(
            () ->
                ApiError.notFound(
                    "Session \""
                        + sessionId
                        + "\" has no message \""
                        + messageId
                        + "\": GET /api/sessions/"
                        + sessionId
                        + " lists its messages"));
  }

  /** Renames the session. */
  @Patch("/sessions/{sessionId}")
  MutableHttpResponse<?> rename(
      HttpRequest<?> request, @PathVariable String sessionId, @Nullable @Body String body) {
    MutableHttpResponse<ApiError> denied = denySession(request, sessionId);
    if (denied != null) {
      return denied;
    }
    JsonBodies.Parsed<SessionTitleRequest> parsed = bodies.parse(body, SessionTitleRequest.class);
    String problem =
        !parsed.ok()
            ? parsed.problemOr(
                "Send JSON like {\"title\": \"Fix the build\"} with Content-Type:"
                    + " application/json")
            : parsed.value().problem(true);
    if (problem != null) {
      return ApiError.badRequest(problem);
    }
    Optional<SessionSummary> renamed = sessions.rename(sessionId, parsed.value().titleOrDefault());
    if (renamed.isEmpty()) {
      return notFound(sessionId);
    }
    publisher.publish(
        new SessionUpdatedEvent(Channels.project(renamed.get().projectId()), renamed.get()));
    return HttpResponse.ok(renamed.get());
  }

  /** 204 once the session and its messages are deleted. */
  @Delete("/sessions/{sessionId}")
  MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String sessionId) {
    MutableHttpResponse<ApiError> denied = denySession(request, sessionId);
    if (denied != null) {
      return denied;
    }
    Optional<AgentSession> deleted = sessions.delete(sessionId);
    if (deleted.isEmpty()) {
      return notFound(sessionId);
    }
    ownership.forget(sessionId);
    String projectId = deleted.get().projectId();
    publisher.publish(
        new SessionDeletedEvent(
            Channels.project(projectId), new SessionDeletedData(sessionId, projectId)));
    return HttpResponse.noContent();
  }

  /**
   * Finds the session and checks the caller's access to its project. As on the channel, a missing
   * session is only reported as missing to the admin; a scoped token gets 403 for every session
   * outside its projects.
   */
  @Nullable
  private MutableHttpResponse<ApiError> denySession(HttpRequest<?> request, String sessionId) {
    Caller caller = Callers.require(request);
    Optional<AgentSession> session = sessions.find(sessionId);
    if (session.isEmpty()) {
      return caller.admin()
          ? notFound(sessionId)
          : ApiError.forbidden(
              "No session \""
                  + sessionId
                  + "\" in the projects your token covers: GET"
                  + " /api/projects/{projectId}/sessions lists them");
    }
    return ProjectAccess.deny(request, caller, session.get().projectId());
  }

  private static SessionSnapshotResponse response(
      SessionSnapshot snapshot, StreamPosition position) {
    return new SessionSnapshotResponse(snapshot.session(), snapshot.messages(), position);
  }

  private static MutableHttpResponse<ApiError> notFound(String sessionId) {
    return ApiError.notFound(
        "No session has the id \""
            + sessionId
            + "\": GET /api/projects/{projectId}/sessions lists a project's sessions");
  }
}

package dev.switchboard.server.auth;

import dev.switchboard.server.input.JsonBodies;
import io.micronaut.context.event.ApplicationEventPublisher;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TokenController lets the admin create ({@code POST /api/tokens}), list ({@code GET}) and revoke
 * ({@code DELETE /api/tokens/{id}}) scoped tokens; any other caller gets 403.
 */
@Controller("/api/tokens")
final class TokenController {

  private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);

  private final TokenStore tokens;
  private final JsonBodies bodies;
  private final ApplicationEventPublisher<TokenRevokedEvent> revocations;

  TokenController(
      TokenStore tokens,
      JsonBodies bodies,
      ApplicationEventPublisher<TokenRevokedEvent> revocations) {
    this.tokens = tokens;
    this.revocations = revocations;
    this.bodies = bodies;
  }

  /** 201 with the new token, shown this once. */
  @Post
  MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
    MutableHttpResponse<ApiError> denied = Callers.denyUnlessAdmin(request, "manage tokens");
    if (denied != null) {
      return denied;
    }
    JsonBodies.Parsed<TokenRequest> parsed = bodies.parse(body, TokenRequest.class);
    if (!parsed.ok()) {
      return ApiError.badRequest(
          parsed.problemOr(
              "Send JSON like {\"name\": \"ci\", \"projectIds\": [\"my-project\"], \"shell\":"
                  + " false} with Content-Type: application/json"));
    }
    TokenRequest tokenRequest = parsed.value();
    String problem = tokenRequest.problem();
    if (problem != null) {
      return ApiError.badRequest(problem);
    }
    IssuedToken issued =
        tokens.create(
            tokenRequest.name().strip(),
            tokenRequest.projectIdsOrEmpty(),
            tokenRequest.shellOrFalse());
    LOG.info(
        "Created token {} for projects {} (shell {})",
        issued.id(),
        issued.projectIds(),
        issued.shell());
    return HttpResponse.status(HttpStatus.CREATED).body(issued);
  }

  /** Every live token, without secrets. */
  @Get
  MutableHttpResponse<?> list(HttpRequest<?> request) {
    MutableHttpResponse<ApiError> denied = Callers.denyUnlessAdmin(request, "manage tokens");
    return denied != null ? denied : HttpResponse.ok(tokens.list());
  }

  /** 204 once revoked; 404 if no token has this id. */
  @Delete("/{id}")
  MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String id) {
    MutableHttpResponse<ApiError> denied = Callers.denyUnlessAdmin(request, "manage tokens");
    if (denied != null) {
      return denied;
    }
    if (!tokens.revoke(id)) {
      return ApiError.notFound(
          "No token has the id \"" + id + "\": GET /api/tokens lists the ids of live tokens");
    }
    LOG.info("Revoked token {}", id);
    revocations.publishEvent(new TokenRevokedEvent(id));
    return HttpResponse.noContent();
  }
}

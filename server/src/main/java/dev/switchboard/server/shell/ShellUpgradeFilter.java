package dev.switchboard.server.shell;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellUpgradeFilter authorizes {@code /ws/shell/{shellId}} before the 101, after authentication:
 * 404 for a shell that is not running, 403 for a caller that may not use it ({@link ShellAccess}).
 */
@Filter("/ws/shell/**")
final class ShellUpgradeFilter implements HttpServerFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ShellUpgradeFilter.class);
  private static final String PREFIX = "/ws/shell/";

  private final ShellRegistry registry;

  ShellUpgradeFilter(ShellRegistry registry) {
    this.registry = registry;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      return chain.proceed(request); // the authentication filter has answered already
    }
    String shellId = request.getPath().substring(PREFIX.length());
    Optional<Shell> shell =
        ChannelName.isValidId(shellId) ? registry.find(shellId) : Optional.empty();
    boolean anyShell = caller.get().admin() || caller.get().shell();
    if (anyShell && shell.isEmpty()) {
      return Publishers.just(
          ApiError.notFound(
              "No running shell has the id \""
                  + abbreviate(shellId)
                  + "\": it ended, or never existed; create one with POST"
                  + " /api/projects/{projectId}/shells"));
    }
    if (!anyShell || !ShellAccess.mayUse(caller.get(), shell.get())) {
      LOG.warn(
          "Refused shell {} to token {} from {}: no shell permission for its project, or not its"
              + " owner",
          abbreviate(shellId),
          caller.get().tokenId(),
          request.getRemoteAddress());
      return Publishers.just(
          ApiError.forbidden(
              "Your token may not use this shell: shells need a token with the shell permission"
                  + " for the project, and only the token that opened a shell (or the admin) may"
                  + " attach to it"));
    }
    return chain.proceed(request);
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}

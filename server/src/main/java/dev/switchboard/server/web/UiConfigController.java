package dev.switchboard.server.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * UiConfigController serves {@code GET /api/ui-config}, the settings the web client reads after
 * sign-in (authenticated like the rest of {@code /api}).
 */
@Controller("/api/ui-config")
final class UiConfigController {

  private final UiConfiguration configuration;

  UiConfigController(UiConfiguration configuration) {
    this.configuration = configuration;
  }

  @Get
  UiConfigResponse get() {
    return new UiConfigResponse(configuration.devTools(), configuration.replyLines());
  }
}

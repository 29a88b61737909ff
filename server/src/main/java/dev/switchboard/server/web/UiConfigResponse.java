package dev.switchboard.server.web;

import io.micronaut.serde.annotation.Serdeable;

/**
 * UiConfigResponse is the body of {@code GET /api/ui-config}: {@code {"devTools": false,
 * "replyLines": 100000}}.
 */
@Serdeable
public record UiConfigResponse(boolean devTools, int replyLines) {}

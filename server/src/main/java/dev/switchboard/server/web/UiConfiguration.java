package dev.switchboard.server.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * UiConfiguration holds the {@code switchboard.ui.*} properties: what the served web client may
 * show.
 *
 * <p>{@code dev-tools} (default false) loads the WebSocket dev tools panel (Ctrl/Cmd+Shift+W) and
 * sets {@code window.__WS_METRICS__} in the production build; development builds always have them.
 * The panel shows every frame of the connection, so it is off unless an operator wants it.
 */
@ConfigurationProperties("switchboard.ui")
public record UiConfiguration(@Bindable(defaultValue = "false") boolean devTools) {}

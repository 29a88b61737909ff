package dev.switchboard.server.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * UiConfiguration holds the {@code switchboard.ui.*} properties: what the served web client may
 * show.
 *
 * <p>{@code dev-tools} (default false) loads the WebSocket dev tools panel (Ctrl/Cmd+Shift+W) and
 * sets {@code window.__WS_METRICS__} in the production build; development builds always have them.
 * The panel shows every frame of the connection, so it is off unless an operator wants it.
 *
 * <p>{@code reply-lines} (default 100,000) is how many output lines the session page keeps per
 * reply: past it the oldest leave the view, which then links to the stored output. It bounds the
 * tab's memory for a reply that prints without end (about 60 bytes a line).
 */
@ConfigurationProperties("switchboard.ui")
public record UiConfiguration(
    @Bindable(defaultValue = "false") boolean devTools,
    @Bindable(defaultValue = "100000") int replyLines) {

  /**
   * The most lines a reply may keep: a row is 18 px high, and browsers stop scrolling tall boxes
   * near 33 million px.
   */
  public static final int MAX_REPLY_LINES = 1_000_000;

  /** Validates {@code reply-lines}. */
  public UiConfiguration {
    if (replyLines < 1 || replyLines > MAX_REPLY_LINES) {
      throw new ConfigurationException(
          "switchboard.ui.reply-lines must be between 1 and "
              + MAX_REPLY_LINES
              + " (default 100000), got "
              + replyLines);
    }
  }
}

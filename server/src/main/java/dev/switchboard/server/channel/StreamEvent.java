package dev.switchboard.server.channel;

import java.util.Objects;

/**
 * StreamEvent is one event of a channel's stream as the broker keeps and delivers it: its position
 * ({@code epoch}, {@code offset}; offset 0 for channels that are not recoverable), when it was
 * published, and the frame already encoded as JSON text, so fan-out never encodes it again.
 */
public record StreamEvent(
    String channel, String epoch, long offset, long publishedAtMs, String frame) {

  /** Validates that the identifiers and frame are present. */
  public StreamEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(frame, "frame");
  }
}

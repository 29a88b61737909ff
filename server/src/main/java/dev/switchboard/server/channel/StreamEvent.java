package dev.switchboard.server.channel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * StreamEvent is one event of a channel's stream as the broker keeps and delivers it: its position
 * ({@code epoch}, {@code offset}; offset 0 for channels that are not recoverable), when it was
 * published, and the frame already encoded as JSON text and as its UTF-8 bytes, so fan-out never
 * encodes it again: every subscriber's socket is handed the same bytes.
 *
 * <p>{@code frameUtf8} is shared by every delivery of the event and must never be modified. It is
 * derived from {@code frame}, so equality, hash code and text leave it out.
 */
public record StreamEvent(
    String channel, String epoch, long offset, long publishedAtMs, String frame, byte[] frameUtf8) {

  /** An event whose frame is encoded to UTF-8 here, once. */
  public StreamEvent(String channel, String epoch, long offset, long publishedAtMs, String frame) {
    this(
        channel,
        epoch,
        offset,
        publishedAtMs,
        frame,
        Objects.requireNonNull(frame, "frame").getBytes(StandardCharsets.UTF_8));
  }

  /** Validates that the identifiers and frame are present. */
  public StreamEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(frameUtf8, "frameUtf8");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamEvent that
        && offset == that.offset
        && publishedAtMs == that.publishedAtMs
        && channel.equals(that.channel)
        && epoch.equals(that.epoch)
        && frame.equals(that.frame);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, epoch, offset, publishedAtMs, frame);
  }

  @Override
  public String toString() {
    return "StreamEvent[channel="
        + channel
        + ", epoch="
        + epoch
        + ", offset="
        + offset
        + ", publishedAtMs="
        + publishedAtMs
        + ", frame="
        + frame
        + "]";
  }
}

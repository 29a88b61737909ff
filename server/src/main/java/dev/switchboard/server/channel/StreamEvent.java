package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * StreamEvent is one event of a channel's stream as the broker keeps it and the hub delivers it:
 * its position ({@code epoch}, {@code offset}; offset 0 for channels that are not recoverable),
 * when it was published, and the frame as the UTF-8 bytes it was encoded to once, so fan-out never
 * encodes it again: every subscriber's socket is handed the same bytes.
 *
 * <p>{@code frameUtf8} is shared by every delivery of the event and must never be modified.
 */
public record StreamEvent(
    ChannelName channel, String epoch, long offset, long publishedAtMs, byte[] frameUtf8) {

  /** An event whose frame text is encoded to UTF-8 here, once. */
  public StreamEvent(
      ChannelName channel, String epoch, long offset, long publishedAtMs, String frame) {
    this(
        channel,
        epoch,
        offset,
        publishedAtMs,
        Objects.requireNonNull(frame, "frame").getBytes(StandardCharsets.UTF_8));
  }

  /** Validates that the identifiers and frame are present. */
  public StreamEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(frameUtf8, "frameUtf8");
  }

  /** The frame as text, decoded from its bytes on each call: for tests and diagnostics. */
  public String frameText() {
    return new String(frameUtf8, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamEvent that
        && offset == that.offset
        && publishedAtMs == that.publishedAtMs
        && channel.equals(that.channel)
        && epoch.equals(that.epoch)
        && Arrays.equals(frameUtf8, that.frameUtf8);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, epoch, offset, publishedAtMs, Arrays.hashCode(frameUtf8));
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
        + frameText()
        + "]";
  }
}

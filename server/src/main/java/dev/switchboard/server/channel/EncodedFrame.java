package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * EncodedFrame is an event's frame encoded once, as UTF-8, before it is published: on a recoverable
 * channel with a place for the offset the broker assigns, which {@link #withOffset} fills with a
 * byte copy (no JSON encoding) while the channel is locked.
 */
public final class EncodedFrame {

  private static final byte[] PLACEHOLDER =
      Long.toString(FrameEncoder.OFFSET_PLACEHOLDER).getBytes(StandardCharsets.US_ASCII);

  private final byte[] utf8;
  // Where the placeholder starts in utf8; -1 when the frame shows no offset.
  private final int offsetAt;

  private EncodedFrame(byte[] utf8, int offsetAt) {
    this.utf8 = utf8;
    this.offsetAt = offsetAt;
  }

  /**
   * Encodes a frame for {@code channel} once: with the offset placeholder when the channel is
   * recoverable (its events are numbered), with offset 0 otherwise.
   */
  public static EncodedFrame encode(ChannelName channel, FrameEncoder encoder) {
    boolean numbered = channel.kind().recoverable();
    byte[] utf8 =
        encoder
            .encode(numbered ? FrameEncoder.OFFSET_PLACEHOLDER : 0)
            .getBytes(StandardCharsets.UTF_8);
    return new EncodedFrame(utf8, numbered ? lastIndexOf(utf8, PLACEHOLDER) : -1);
  }

  /**
   * The frame with {@code offset} in place of the placeholder; the encoded bytes themselves when
   * the frame shows no offset.
   */
  public byte[] withOffset(long offset) {
    if (offsetAt < 0) {
      return utf8;
    }
    byte[] digits = Long.toString(offset).getBytes(StandardCharsets.US_ASCII);
    int suffixAt = offsetAt + PLACEHOLDER.length;
    byte[] frame = new byte[utf8.length - PLACEHOLDER.length + digits.length];
    System.arraycopy(utf8, 0, frame, 0, offsetAt);
    System.arraycopy(digits, 0, frame, offsetAt, digits.length);
    System.arraycopy(utf8, suffixAt, frame, offsetAt + digits.length, utf8.length - suffixAt);
    return frame;
  }

  /** The text before the offset, or the whole frame when it shows none (for Redis's scripts). */
  public String prefix() {
    return new String(utf8, 0, offsetAt < 0 ? utf8.length : offsetAt, StandardCharsets.UTF_8);
  }

  /** The text after the offset; null when the frame shows none. */
  public @Nullable String suffix() {
    if (offsetAt < 0) {
      return null;
    }
    int suffixAt = offsetAt + PLACEHOLDER.length;
    return new String(utf8, suffixAt, utf8.length - suffixAt, StandardCharsets.UTF_8);
  }

  // The placeholder is ASCII and UTF-8 never uses ASCII bytes inside a multi-byte character, so a
  // byte search finds exactly the text's occurrences.
  private static int lastIndexOf(byte[] text, byte[] pattern) {
    for (int at = text.length - pattern.length; at >= 0; at--) {
      int i = 0;
      while (i < pattern.length && text[at + i] == pattern[i]) {
        i++;
      }
      if (i == pattern.length) {
        return at;
      }
    }
    return -1;
  }
}

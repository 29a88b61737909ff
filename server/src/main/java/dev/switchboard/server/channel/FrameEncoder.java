package dev.switchboard.server.channel;

/**
 * FrameEncoder turns an event into its frame text for a given offset. A publisher hands one to
 * {@link EncodedFrame#encode}, which calls it exactly once, in the publisher's thread and before
 * any channel lock is taken, so the JSON is encoded once whatever the subscriber count.
 *
 * <p>On a recoverable channel the offset is not known yet: the encoder is called with {@link
 * #OFFSET_PLACEHOLDER} and the broker writes the assigned offset in place of the placeholder's last
 * occurrence, so an encoder shows the offset in decimal after any other text (as {@code FrameCodec}
 * does: {@code "offset"} is the frame's last field).
 */
@FunctionalInterface
public interface FrameEncoder {

  /** The offset passed to an encoder whose frame will get its real offset from the broker. */
  long OFFSET_PLACEHOLDER = Long.MAX_VALUE;

  /** Encodes the frame; {@code offset} is 0 on channels that are not recoverable. */
  String encode(long offset);
}

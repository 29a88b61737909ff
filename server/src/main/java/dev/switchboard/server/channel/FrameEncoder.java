package dev.switchboard.server.channel;

/**
 * FrameEncoder turns an event into its frame text once its offset is known; the broker calls it
 * exactly once per published event, so the JSON is encoded once whatever the subscriber count.
 *
 * <p>A broker that numbers events elsewhere (Redis) calls it with {@link #OFFSET_PLACEHOLDER}
 * before the offset is known and writes the assigned offset in place of the placeholder's last
 * occurrence, so an encoder shows the offset in decimal after any other text (as {@code FrameCodec}
 * does: {@code "offset"} is the frame's last field).
 */
@FunctionalInterface
public interface FrameEncoder {

  /** The offset a broker passes when it will write the real one into the frame itself. */
  long OFFSET_PLACEHOLDER = Long.MAX_VALUE;

  /** Encodes the frame; {@code offset} is 0 on channels that are not recoverable. */
  String encode(long offset);
}

package dev.switchboard.server.channel;

/**
 * FrameEncoder turns an event into its frame text once its offset is known; the broker calls it
 * exactly once per published event, so the JSON is encoded once whatever the subscriber count.
 */
@FunctionalInterface
public interface FrameEncoder {

  /** Encodes the frame; {@code offset} is 0 on channels that are not recoverable. */
  String encode(long offset);
}

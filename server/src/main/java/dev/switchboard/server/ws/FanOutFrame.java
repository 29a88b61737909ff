package dev.switchboard.server.ws;

import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.ws.guard.PreEncodedFrame;

/**
 * FanOutFrame builds a channel event's WebSocket frame once per delivering thread: the hub hands
 * one event to all of a channel's listeners in a row on one thread, so remembering the last event
 * and its frame per thread builds the frame once per publish, with no lock and no state in the
 * channel layer (which knows nothing of WebSockets).
 */
final class FanOutFrame {

  private static final ThreadLocal<FanOutFrame> LAST = ThreadLocal.withInitial(FanOutFrame::new);

  private StreamEvent event;
  private PreEncodedFrame frame;

  private FanOutFrame() {}

  /** The event's frame, for one socket: a view of the bytes shared by every subscriber. */
  static PreEncodedFrame of(StreamEvent event) {
    FanOutFrame last = LAST.get();
    if (last.event != event) {
      last.frame = PreEncodedFrame.of(event.frameUtf8());
      last.event = event;
    }
    return last.frame.retainedDuplicate();
  }
}

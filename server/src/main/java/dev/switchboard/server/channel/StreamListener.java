package dev.switchboard.server.channel;

/**
 * StreamListener receives a channel's live events. The broker calls it once per event, in offset
 * order, and never concurrently for one channel; it must not block (it enqueues and returns).
 */
@FunctionalInterface
public interface StreamListener {

  /** Delivers one live event. */
  void onEvent(StreamEvent event);
}

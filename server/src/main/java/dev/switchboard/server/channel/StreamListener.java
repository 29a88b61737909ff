package dev.switchboard.server.channel;

/**
 * StreamListener receives a channel's live events. The broker calls it once per event, in offset
 * order, and never concurrently for one channel; it must not block (it enqueues and returns).
 */
@FunctionalInterface
public interface StreamListener {

  /** Delivers one live event. */
  void onEvent(StreamEvent event);

  /**
   * Ends the subscription because the broker cannot continue it without a gap: a broker shared by
   * several nodes lost contact with the others, or the channel's shared history changed epoch. The
   * listener gets no further events; its client must subscribe again, with its last position, and
   * will be told {@code recovered: false}. The in-memory broker never calls this.
   */
  default void onReset(String reason) {}
}

package dev.switchboard.server.channel;

/**
 * StreamListener receives a channel's live events: the channel layer's only way to the layer above
 * it (the socket's subscriptions implement it). The {@link ChannelHub} calls it once per event, in
 * offset order, and never concurrently for one channel; it must not block (it enqueues and
 * returns).
 */
@FunctionalInterface
public interface StreamListener {

  /** Delivers one live event. */
  void onEvent(StreamEvent event);

  /**
   * Ends the subscription because the hub cannot continue it without a gap: a broker shared by
   * several nodes lost contact with the others, or the channel's shared history changed epoch. The
   * listener gets no further events; its client must subscribe again, with its last position, and
   * will be told {@code recovered: false}. Called on the hub's own thread, never with the in-memory
   * broker.
   */
  default void onReset(String reason) {}
}

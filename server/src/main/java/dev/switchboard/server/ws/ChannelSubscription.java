package dev.switchboard.server.ws;

import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * ChannelSubscription is one connection's subscription to one channel. Live events that arrive
 * while the subscribe reply and the replay are still being sent are held back and sent after them,
 * skipping any offset already replayed, so the client sees success, then every missed event, then
 * live events, with no gap and no duplicate.
 */
final class ChannelSubscription implements StreamListener {

  private final Connection connection;
  private final String channel;
  private final Consumer<ChannelSubscription> onReset;
  private List<StreamEvent> heldBack = new ArrayList<>();
  private long lastSentOffset;
  private volatile Subscription handle;

  ChannelSubscription(
      Connection connection, String channel, Consumer<ChannelSubscription> onReset) {
    this.connection = connection;
    this.channel = channel;
    this.onReset = onReset;
  }

  /** The channel this subscription follows. */
  String channel() {
    return channel;
  }

  @Override
  public synchronized void onEvent(StreamEvent event) {
    if (heldBack != null) {
      heldBack.add(event);
    } else {
      deliver(event);
    }
  }

  /**
   * The broker cannot continue this channel without a gap (its epoch changed under a live
   * subscription). Only this subscription ends: the client is told {@code unsubscribed {reason:
   * "reset"}} and subscribes again with its position, which is answered {@code recovered: false};
   * its other channels and the connection carry on.
   */
  @Override
  public void onReset(String reason) {
    onReset.accept(this);
  }

  /**
   * Sends the reply and the replay, then whatever arrived meanwhile, and switches to live delivery.
   */
  synchronized void start(
      Subscription handle, String reply, long positionOffset, List<StreamEvent> replay) {
    this.handle = handle;
    connection.send(reply);
    lastSentOffset = replay.isEmpty() ? positionOffset : replay.get(0).offset() - 1;
    replay.forEach(this::deliver);
    List<StreamEvent> pending = heldBack;
    heldBack = null;
    pending.forEach(this::deliver);
  }

  void close() {
    Subscription current = handle;
    if (current != null) {
      current.close();
    }
  }

  private void deliver(StreamEvent event) {
    // Offset 0 marks channels without a stream position; those are never deduplicated.
    if (event.offset() != 0 && event.offset() <= lastSentOffset) {
      return;
    }
    lastSentOffset = event.offset();
    connection.send(event);
  }
}

package dev.switchboard.server.ws;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * ChannelSubscription is one connection's subscription to one channel. Live events that arrive
 * while the subscribe reply and the replay are still being sent are held back and sent after them,
 * skipping any offset already replayed, so the client sees success, then every missed event, then
 * live events, with no gap and no duplicate.
 */
final class ChannelSubscription implements StreamListener {

  private final Connection connection;
  private List<StreamEvent> heldBack = new ArrayList<>();
  private long lastSentOffset;
  private volatile Subscription handle;

  ChannelSubscription(Connection connection) {
    this.connection = connection;
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
   * The broker cannot continue this channel without a gap. The protocol has no frame that tells a
   * subscribed client its position is void, so the connection is closed with a code that makes the
   * client reconnect and resubscribe with its position, which is answered {@code recovered: false}.
   */
  @Override
  public void onReset(String reason) {
    connection.close(CloseCode.INTERNAL_ERROR, "channel stream reset");
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
    connection.send(event.frame());
  }
}
